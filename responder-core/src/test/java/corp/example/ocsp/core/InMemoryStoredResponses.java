package corp.example.ocsp.core;

import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.cache.StoredResponses;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A response store in a map, for tests of the cache's store tier: every entry served, no
 * watermark; {@link #duringRemove} runs inside each removal, before the entries go, so a test can
 * race another thread against it or hold it back.
 */
final class InMemoryStoredResponses implements StoredResponses {
    final Map<CacheKey, Hit> entries = new ConcurrentHashMap<>();
    volatile Runnable duringRemove = () -> {};

    @Override
    public Optional<Hit> get(CacheKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public List<Stored> forms(Issuer issuer, BigInteger serial) {
        return List.of();
    }

    @Override
    public boolean put(CacheKey key, OcspAnswer.Signed answer, CertStatus status) {
        entries.put(key, new Hit(answer.asCached(), status));
        return true;
    }

    @Override
    public void confirm(List<CacheKey> keys) {}

    @Override
    public OptionalLong resumableFrom(String fingerprint) {
        return OptionalLong.empty();
    }

    @Override
    public void resume() {}

    @Override
    public void watermark(long position, String fingerprint) {}

    @Override
    public void forgetWatermark() {}

    @Override
    public long sweep() {
        return 0;
    }

    @Override
    public void remove(Issuer issuer, BigInteger serial) {
        duringRemove.run();
        entries.keySet().removeIf(k -> k.issuer().equals(issuer) && k.serial().equals(serial));
    }

    @Override
    public Optional<CacheKey> scan(Optional<CacheKey> after, int limit, Consumer<Stored> action) {
        return Optional.empty();
    }

    @Override
    public long size() {
        return entries.size();
    }

    @Override
    public void signers(Map<Issuer, ResponderSigner> signers) {}

    @Override
    public void close() {}
}
