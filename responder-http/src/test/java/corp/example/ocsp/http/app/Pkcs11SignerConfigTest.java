package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.http.server.AdminServer.Reloaded;
import corp.example.ocsp.testing.SoftHsm;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signer.pkcs11} in the configuration file, loaded against a real SoftHSM2 token. */
class Pkcs11SignerConfigTest {
    @TempDir
    Path dir;

    private static Ca ca;

    @BeforeAll
    static void token() {
        assumeTrue(
                SoftHsm.unavailableBecause().isEmpty(),
                "NOT RUN: " + SoftHsm.unavailableBecause().orElse(""));
        ca = TestPki.newRoot("Config Token CA").keyType(KeyType.EC_P384).build();
    }

    private Path config(String signer) throws Exception {
        ca.writeCertPem(dir.resolve("ca.pem"));
        ca.issueOcspSigner("OCSP p256")
                .keyPair(new KeyPair(SoftHsm.publicKey(SoftHsm.Key.P256), null))
                .build()
                .writeCertPem(dir.resolve("signer.pem"));
        return Files.writeString(dir.resolve("responder.yaml"), """
                database:
                  url: jdbc:postgresql://db/ocsp
                responders:
                  - name: r
                    issuers:
                      - label: ca
                        certificate: ca.pem
                        signer: %s
                """.formatted(signer));
    }

    private static ResponderSigner only(Path file, Map<String, String> env) throws ConfigException {
        return SignerLoader.load(ConfigFile.load(file, env), Clock.systemUTC())
                .get(0)
                .signers()
                .values()
                .iterator()
                .next();
    }

    @Test
    void pkcs11KeyByLabel_withThePinFromTheEnvironment_signsOnTheToken() throws Exception {
        Path file = config("{certificate: signer.pem, pkcs11: {library: " + SoftHsm.MODULE
                + ", token: ocsp, key: p256, pin: '${OCSP_HSM_PIN}'}}");

        ResponderSigner signer = only(file, Map.of("OCSP_HSM_PIN", SoftHsm.PIN));

        assertThat(signer.providerDescription()).startsWith("PKCS#11 token");
        assertThat(signer.algorithmName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void pkcs11KeyById_withAPinFile_signsOnTheToken() throws Exception {
        Files.writeString(dir.resolve("hsm.pin"), SoftHsm.PIN + "\n");
        Path file = config("{certificate: signer.pem, pkcs11: {library: " + SoftHsm.MODULE
                + ", token: ocsp, id: '01', pinFile: hsm.pin}}");

        assertThat(only(file, Map.of()).providerDescription()).startsWith("PKCS#11 token");
    }

    @Test
    void reload_rotatesToASecondTokenKey_andARefusedReloadKeepsTheFirst() throws Exception {
        Files.writeString(dir.resolve("hsm.pin"), SoftHsm.PIN + "\n");
        ca.issueOcspSigner("OCSP p256-next")
                .keyPair(new KeyPair(SoftHsm.publicKey(SoftHsm.Key.P256_NEXT), null))
                .build()
                .writeCertPem(dir.resolve("next.pem"));
        String token = ", pkcs11: {library: " + SoftHsm.MODULE + ", token: ocsp, pinFile: hsm.pin, ";
        Path file = config("{certificate: signer.pem" + token + "key: p256}}");
        ResponderSigner first = only(file, Map.of());
        Issuer issuer = Issuer.of("ca", ca.holder());
        Responder responder = Responder.builder("r", new InMemoryStatusSource())
                .issuer(issuer, first)
                .build();
        SignerReload reload =
                new SignerReload(file, List.of(responder), Clock.systemUTC(), SignersReplaced.NOTHING_CACHED);

        Files.writeString(
                file,
                Files.readString(file)
                        .replace("signer.pem" + token + "key: p256}", "next.pem" + token + "key: p256-next}"));
        Reloaded rotated = reload.reload();

        assertThat(rotated.ok()).as(rotated.detail()).isTrue();
        assertThat(responder.signer(issuer).certificate().getSubject().toString())
                .isEqualTo("CN=OCSP p256-next");
        assertThat(responder.signer(issuer).providerDescription()).startsWith("PKCS#11 token");

        Files.writeString(
                file,
                Files.readString(file)
                        .replace("next.pem" + token + "key: p256-next}", "signer.pem" + token + "key: p256-next}"));
        Reloaded refused = reload.reload();

        assertThat(refused.ok()).isFalse();
        assertThat(refused.detail()).contains("key label 'p256-next'").doesNotContain("\n");
        assertThat(responder.signer(issuer).certificate().getSubject().toString())
                .isEqualTo("CN=OCSP p256-next");
    }

    @Test
    void reload_movingTheSameCertificatesKeyFromAFileOntoAToken_replacesTheSigner() throws Exception {
        Files.writeString(dir.resolve("hsm.pin"), SoftHsm.PIN + "\n");
        ca.writeCertPem(dir.resolve("ca.pem"));
        CertBundle moving = ca.issueOcspSigner("OCSP moving").build();
        moving.writeCertPem(dir.resolve("moving.pem"));
        moving.writeKeyPem(dir.resolve("moving.key"));
        Path file = Files.writeString(dir.resolve("responder.yaml"), """
                database:
                  url: jdbc:postgresql://db/ocsp
                responders:
                  - name: r
                    issuers:
                      - label: ca
                        certificate: ca.pem
                        signer: {certificate: moving.pem, key: moving.key}
                """);
        Issuer issuer = Issuer.of("ca", ca.holder());
        Responder responder = Responder.builder("r", new InMemoryStatusSource())
                .issuer(issuer, only(file, Map.of()))
                .build();
        List<String> replacedFor = new java.util.ArrayList<>();
        SignerReload reload = new SignerReload(
                file,
                List.of(responder),
                Clock.systemUTC(),
                (r, issuers) -> issuers.forEach(i -> replacedFor.add(i.label())));
        SoftHsm.importKey(SoftHsm.IMPORTS, SoftHsm.PIN, dir.resolve("moving.key"), "moving", "7e");
        Files.delete(dir.resolve("moving.key"));

        Files.writeString(
                file,
                Files.readString(file)
                        .replace(
                                "key: moving.key}",
                                "pkcs11: {library: " + SoftHsm.MODULE
                                        + ", token: imports, key: moving, pinFile: hsm.pin}}"));
        Reloaded moved = reload.reload();

        assertThat(moved.ok()).as(moved.detail()).isTrue();
        assertThat(moved.detail()).contains("now signing with CN=OCSP moving");
        assertThat(responder.signer(issuer).providerDescription()).startsWith("PKCS#11 token");
        assertThat(replacedFor).containsExactly("ca");
        assertThat(reload.reload().detail()).isEqualTo("signers unchanged");
    }

    @Test
    void pkcs11WithBothKeyAndId_isOneLineNamingTheSetting() throws Exception {
        Path file = config("{certificate: signer.pem, pkcs11: {library: " + SoftHsm.MODULE
                + ", token: ocsp, key: p256, id: '01', pin: '1'}}");

        assertThatThrownBy(() -> ConfigFile.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("responders[0].issuers[0].signer.pkcs11.key")
                .hasMessageContaining("give the key's label (key) or its CKA_ID (id), one of them");
    }

    @Test
    void pkcs11TokenThatIsNotThere_namesTheSettingAndListsTheTokens() throws Exception {
        Path file = config("{certificate: signer.pem, pkcs11: {library: " + SoftHsm.MODULE
                + ", token: missing, key: p256, pin: '1'}}");

        assertThatThrownBy(() -> only(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        file + ": responders[0].issuers[0]: " + SoftHsm.MODULE
                                + ": no token labelled 'missing' (tokens found: 'fault', 'imports', 'ocsp', 'secrets', 'spare')");
    }
}
