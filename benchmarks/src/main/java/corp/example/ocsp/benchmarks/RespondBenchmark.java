package corp.example.ocsp.benchmarks;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.Outcome;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.signing.SignatureProvider;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.KeyType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Responder#respond} for a good serial, end to end (parse, issuer lookup, in-memory status,
 * build, sign, encode), one thread, per signer key type and signing provider: responses signed per
 * second.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl benchmarks -am
 * java -jar benchmarks/target/benchmarks.jar RespondBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class RespondBenchmark {
    @Param({"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    public KeyType signerKey;

    /** AUTO signs with AWS-LC where it loads, except Ed25519 (Bouncy Castle). */
    @Param({"AUTO", "BOUNCYCASTLE"})
    public SignatureProvider provider;

    private Responder responder;
    private byte[] request;

    @Setup
    public void setUp() throws Exception {
        BenchPki pki = new BenchPki(signerKey);
        responder = pki.responder(new InMemoryStatusSource().good(pki.issuer, pki.leaf.serial()), provider)
                .build();
        request = OcspRequestBuilder.create().certId(pki.leaf, CertIdHash.SHA1).build();
        OcspAnswer check = responder.respond(request);
        if (check.outcome() != Outcome.GOOD) {
            throw new IllegalStateException("benchmark setup answered " + check.outcome());
        }
    }

    @Benchmark
    public byte[] respondGood() {
        return responder.respond(request).der();
    }
}
