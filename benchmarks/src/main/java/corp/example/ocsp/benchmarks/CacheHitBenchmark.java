package corp.example.ocsp.benchmarks;

import corp.example.ocsp.core.FirstLook;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import java.math.BigInteger;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cache-hit path as an event loop runs it: {@link Responder#look} parses the DER request, finds
 * the issuer, and returns the cached response (no lookup, no signing), with 10,000 certificates
 * cached. One thread.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar CacheHitBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class CacheHitBenchmark {
    private Responder responder;
    private byte[] request;

    @Setup
    public void setUp() throws Exception {
        BenchPki pki = new BenchPki(KeyType.EC_P256);
        Issuer issuer = pki.issuer;
        CertBundle leaf = pki.leaf;
        responder = pki.responder(new InMemoryStatusSource())
                .cache(CacheSettings.defaults())
                .build();
        responder.cacheMaintainer().precompute(action -> {
            action.accept(new KnownCertificate(issuer, leaf.serial(), CertStatus.good(), Optional.empty()));
            for (int i = 1; i < 10_000; i++) {
                action.accept(new KnownCertificate(issuer, BigInteger.valueOf(i), CertStatus.good(), Optional.empty()));
            }
        });
        request = OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build();
        if (!(responder.look(request) instanceof FirstLook.Answered)) {
            throw new IllegalStateException("benchmark setup: the request is not a cache hit");
        }
    }

    @Benchmark
    public FirstLook hit() {
        return responder.look(request);
    }
}
