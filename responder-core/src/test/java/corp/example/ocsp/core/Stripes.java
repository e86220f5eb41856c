package corp.example.ocsp.core;

import corp.example.ocsp.core.cache.CacheKey;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.cache.ResponseCache;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Serials whose changes void each other's cache tickets, found as a writer would see it. */
final class Stripes {
    private Stripes() {}

    /** A serial other than {@code serial} whose change voids {@code serial}'s tickets (one of its stripe). */
    static BigInteger mateOf(Issuer issuer, BigInteger serial) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        ResponseCache probe = new ResponseCache(CacheSettings.defaults(), Clock.fixed(now, java.time.ZoneOffset.UTC));
        byte[] der = {0x30, 0x00};
        OcspAnswer.Signed answer = new OcspAnswer.Signed(
                der,
                Outcome.GOOD,
                now,
                now.plus(Duration.ofDays(4)),
                now,
                now.plus(Duration.ofDays(30)),
                Optional.of(OcspAnswer.Caching.of(now.plus(Duration.ofDays(2)), der)),
                List.of(serial.toString(16)),
                false);
        CacheKey key = new CacheKey(issuer, serial, HashAlgorithm.SHA1, false);
        for (long candidate = 1; ; candidate++) {
            BigInteger other = BigInteger.valueOf(candidate);
            if (other.equals(serial)) {
                continue;
            }
            ResponseCache.Ticket ticket = probe.ticket(issuer, serial);
            probe.changed(issuer, other, CertStatus.good());
            if (probe.put(ticket, key, answer, CertStatus.good())) {
                return other;
            }
        }
    }
}
