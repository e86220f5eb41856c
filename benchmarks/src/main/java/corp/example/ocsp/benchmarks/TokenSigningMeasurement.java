package corp.example.ocsp.benchmarks;

import corp.example.ocsp.core.FirstLook;
import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.signing.pkcs11.Pkcs11Key;
import corp.example.ocsp.core.signing.pkcs11.TokenSigners;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.core.status.KnownCertificate;
import corp.example.ocsp.testing.SoftHsm;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A P-256 responder key in a file (signed by AWS-LC where it loads) beside the same kind of key on
 * a SoftHSM2 token (SunPKCS11): the precompute of N certificates on one thread, and live nonce
 * answers per second on 1 and 2 threads. The token store is made in the directory SOFTHSM2_CONF
 * names, as the tests make it.
 *
 * <pre>
 * ./mvnw -q -DskipTests package -pl benchmarks -am
 * mkdir -p /tmp/bench-softhsm
 * SOFTHSM2_CONF=/tmp/bench-softhsm/softhsm2.conf java -Xmx8g \
 *   --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED \
 *   -cp benchmarks/target/benchmarks.jar corp.example.ocsp.benchmarks.TokenSigningMeasurement file|softhsm [N] [seconds]
 * </pre>
 */
public final class TokenSigningMeasurement {
    private TokenSigningMeasurement() {}

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "softhsm";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        BenchPki pki = new BenchPki(corp.example.ocsp.testing.pki.KeyType.EC_P256);
        ResponderSigner signer = kind.equals("file") ? fileSigner(pki) : tokenSigner(pki);
        System.out.println(kind + ": " + signer.providerDescription());
        InMemoryStatusSource source = new InMemoryStatusSource();
        source.good(pki.issuer, pki.leaf.serial());
        Responder responder = Responder.builder("bench", source)
                .cache(CacheSettings.defaults().withMaxBytes(8L << 30))
                .issuer(pki.issuer, signer)
                .build();
        SecureRandom random = new SecureRandom();
        long start = System.nanoTime();
        int signed = responder.cacheMaintainer().precompute(action -> {
            for (int i = 0; i < n; i++) {
                BigInteger serial = new BigInteger(127, random).setBit(120);
                action.accept(new KnownCertificate(pki.issuer, serial, CertStatus.good(), Optional.empty()));
            }
        });
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%s: precomputed %,d responses in %.1f s on one thread: %,.0f/s%n", kind, signed, s, signed / s);
        for (int threads : new int[] {1, 2}) {
            System.out.printf(
                    "%s: nonce answers on %d thread(s): %,.0f/s%n",
                    kind, threads, nonceRate(pki, responder, threads, seconds));
        }
    }

    private static ResponderSigner fileSigner(BenchPki pki) throws Exception {
        return ResponderSigner.create(
                "bench", pki.signer.holder(), pki.signer.privateKey(), pki.issuer, Clock.systemUTC());
    }

    private static ResponderSigner tokenSigner(BenchPki pki) throws Exception {
        Optional<String> problem = SoftHsm.unavailableBecause();
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
        Path cert = Files.createTempFile("bench-token", ".pem");
        pki.issuing
                .issueOcspSigner("Bench token OCSP")
                .keyPair(new KeyPair(SoftHsm.publicKey(SoftHsm.Key.P256), null))
                .build()
                .writeCertPem(cert);
        return TokenSigners.load(
                new Pkcs11Key(
                        SoftHsm.MODULE,
                        SoftHsm.TOKEN,
                        Optional.of("p256"),
                        Optional.empty(),
                        SoftHsm.PIN.toCharArray()),
                Optional.of(cert),
                pki.issuer,
                Clock.systemUTC());
    }

    private static double nonceRate(BenchPki pki, Responder responder, int threads, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong answers = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                while (!stop.get()) {
                    byte[] req = OcspRequestBuilder.create()
                            .certId(pki.leaf, CertIdHash.SHA1)
                            .nonceOfLength(16)
                            .build();
                    FirstLook look = responder.look(req);
                    OcspAnswer a = look instanceof FirstLook.Answered d
                            ? d.answer()
                            : responder.respond((FirstLook.Pending) look);
                    if (!(a instanceof OcspAnswer.Signed)) {
                        throw new IllegalStateException("not signed: " + a);
                    }
                    answers.incrementAndGet();
                }
            });
            workers.add(w);
        }
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        return answers.get() / ((System.nanoTime() - start) / 1e9);
    }
}
