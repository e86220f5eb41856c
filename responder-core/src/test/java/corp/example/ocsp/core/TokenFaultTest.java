package corp.example.ocsp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.response.ErrorStatus;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.signing.SigningUnavailableException;
import corp.example.ocsp.core.signing.TokenSessions;
import corp.example.ocsp.core.signing.pkcs11.Pkcs11Key;
import corp.example.ocsp.core.signing.pkcs11.TokenSigners;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.testing.Await;
import corp.example.ocsp.testing.SoftHsm;
import corp.example.ocsp.testing.StallingProvider;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token that fails or stops answering while serving: answers that need a signature become
 * tryLater at once, cached answers keep flowing, and the signer says why.
 */
class TokenFaultTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;

    @Test
    void tokenKeyDeletedWhileServing_nonceAnswersAreTryLaterAtOnce_cachedAnswersStillServed() throws Exception {
        assumeTrue(
                SoftHsm.unavailableBecause().isEmpty(),
                "NOT RUN: " + SoftHsm.unavailableBecause().orElse(""));
        Ca ca = TestPki.newRoot("Fault CA").keyType(KeyType.EC_P384).build();
        Issuer issuer = Issuer.of("fault", ca.holder());
        Path cert = ca.issueOcspSigner("OCSP fault")
                .keyPair(new KeyPair(SoftHsm.publicKey(SoftHsm.FAULT, SoftHsm.Key.P256), null))
                .build()
                .writeCertPem(dir.resolve("fault.pem"));
        ResponderSigner signer = TokenSigners.load(
                new Pkcs11Key(
                        SoftHsm.MODULE,
                        SoftHsm.FAULT,
                        Optional.of("p256"),
                        Optional.empty(),
                        SoftHsm.PIN.toCharArray()),
                Optional.of(cert),
                issuer,
                CLOCK);
        CertBundle leaf = ca.issueLeaf("leaf.example").build();
        InMemoryStatusSource source = new InMemoryStatusSource();
        source.good(issuer, leaf.serial());
        Responder responder = Responder.builder("fault", source)
                .clock(CLOCK)
                .cache(CacheSettings.defaults())
                .issuer(issuer, signer)
                .build();
        byte[] plain = OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build();
        OcspAnswer first = answer(responder, plain);
        assertThat(first).isInstanceOf(OcspAnswer.Signed.class);

        OcspAnswer.Signed served = Await.until(
                                Duration.ofSeconds(30),
                                "the answer is served from the cache",
                                () -> answer(responder, plain),
                                a -> a instanceof OcspAnswer.Signed signed && signed.cached())
                        instanceof OcspAnswer.Signed signed
                ? signed
                : null;
        SoftHsm.deleteKey(SoftHsm.FAULT, "01");
        long start = System.nanoTime();
        OcspAnswer nonce = answer(
                responder,
                OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA1)
                        .nonceOfLength(16)
                        .build());
        long firstMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        OcspAnswer again = answer(
                responder,
                OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA1)
                        .nonceOfLength(16)
                        .build());
        long againMs = (System.nanoTime() - start) / 1_000_000;
        OcspAnswer cached = answer(responder, plain);

        System.out.printf("token key deleted: first nonce answer %d ms, the next %d ms%n", firstMs, againMs);
        assertThat(nonce)
                .isInstanceOfSatisfying(
                        OcspAnswer.Unsigned.class, u -> assertThat(u.status()).isEqualTo(ErrorStatus.TRY_LATER));
        assertThat(again)
                .isInstanceOfSatisfying(
                        OcspAnswer.Unsigned.class, u -> assertThat(u.status()).isEqualTo(ErrorStatus.TRY_LATER));
        assertThat(cached).isInstanceOfSatisfying(OcspAnswer.Signed.class, s -> {
            assertThat(s.cached()).isTrue();
            assertThat(s.der()).isEqualTo(served.der());
        });
        assertThat(signer.unavailableBecause()).get().asString().startsWith("the token failed to sign");
    }

    /** As the HTTP handler asks: the cache first, then signing. */
    private static OcspAnswer answer(Responder responder, byte[] request) {
        FirstLook look = responder.look(request);
        return look instanceof FirstLook.Answered a ? a.answer() : responder.respond((FirstLook.Pending) look);
    }

    @Test
    void tokenThatStopsAnswering_failsFurtherSignaturesAtOnce_andRecoversWhenItAnswers() throws Exception {
        Ca ca = TestPki.newRoot("Stall CA").build();
        Issuer issuer = Issuer.of("stall", ca.holder());
        CertBundle s = ca.issueOcspSigner("OCSP stall").keyType(KeyType.EC_P256).build();
        StallingProvider provider = new StallingProvider();
        ResponderSigner signer = ResponderSigner.onToken(
                "stalling token", s.holder(), s.privateKey(), provider, TokenSessions.unbounded(), issuer, CLOCK);
        byte[] data = "tbs".getBytes(StandardCharsets.US_ASCII);

        provider.stall();
        CompletableFuture<byte[]> hung = CompletableFuture.supplyAsync(() -> signer.sign(data));
        Duration noticed = Await.until(
                Duration.ofSeconds(30),
                "the signer says the token does not answer",
                () -> signer.unavailableBecause().isPresent());
        long start = System.nanoTime();
        assertThatThrownBy(() -> signer.sign(data))
                .isInstanceOf(SigningUnavailableException.class)
                .hasMessageStartingWith("stalling token: the token has not answered a signature for ");
        long refusedMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                "stalled token noticed after %d ms; a further signature refused in %d ms%n",
                noticed.toMillis(), refusedMs);

        provider.answer();
        assertThat(hung.get(60, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(signer.unavailableBecause()).isEmpty();
        assertThat(signer.sign(data)).isNotEmpty();
    }
}
