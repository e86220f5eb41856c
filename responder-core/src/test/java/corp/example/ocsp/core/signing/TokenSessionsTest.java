package corp.example.ocsp.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.StallingProvider;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Signatures on a token stay within its session limit, shared by every signer on the token. */
class TokenSessionsTest {
    private static final byte[] DATA = "tbs".getBytes(StandardCharsets.US_ASCII);

    private static ResponderSigner signerOn(StallingProvider token, TokenSessions sessions, String name)
            throws Exception {
        Ca ca = TestPki.newRoot(name + " CA").build();
        CertBundle cert = ca.issueOcspSigner(name).keyType(KeyType.EC_P256).build();
        return ResponderSigner.onToken(
                name,
                cert.holder(),
                cert.privateKey(),
                token,
                sessions,
                Issuer.of(name, ca.holder()),
                Clock.systemUTC());
    }

    @Test
    void manyThreadsOnATokenWithOneSession_allSign_oneAtATime() throws Exception {
        StallingProvider token = new StallingProvider();
        TokenSessions one = TokenSessions.limitedTo(1);
        ResponderSigner first = signerOn(token, one, "first");
        ResponderSigner second = signerOn(token, one, "second"); // another CA's key on the same token
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<byte[]>> signatures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                ResponderSigner signer = i % 2 == 0 ? first : second;
                signatures.add(CompletableFuture.supplyAsync(() -> signer.sign(DATA), threads));
            }
            for (CompletableFuture<byte[]> s : signatures) {
                assertThat(s.get(60, TimeUnit.SECONDS)).isNotEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(token.mostAtOnce()).isEqualTo(1);
    }

    @Test
    void whenEverySessionHangs_aFurtherSignature_isRefusedWithoutReachingTheToken_andSigningResumesAfter()
            throws Exception {
        StallingProvider token = new StallingProvider();
        ResponderSigner signer = signerOn(token, TokenSessions.limitedTo(2), "busy");
        token.stall();
        CompletableFuture<byte[]> a = CompletableFuture.supplyAsync(() -> signer.sign(DATA));
        CompletableFuture<byte[]> b = CompletableFuture.supplyAsync(() -> signer.sign(DATA));
        Await.until(Duration.ofSeconds(30), "two signatures hang on the token", () -> token.signing() == 2);

        long start = System.nanoTime();
        assertThatThrownBy(() -> signer.sign(DATA))
                .isInstanceOf(SigningUnavailableException.class)
                .hasMessageStartingWith("busy: ");
        System.out.printf(
                "third signature on a token with 2 hung sessions refused after %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
        assertThat(token.mostAtOnce()).isEqualTo(2);

        token.answer();
        assertThat(a.get(60, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(b.get(60, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(signer.sign(DATA)).isNotEmpty();
        assertThat(signer.unavailableBecause()).isEmpty();
    }

    @Test
    void limitedTo_refusesZero() {
        assertThatThrownBy(() -> TokenSessions.limitedTo(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("at least one signature must be allowed, not 0");
    }
}
