package corp.example.ocsp.http.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.http.config.ConfigException;
import corp.example.ocsp.http.config.ConfigFile;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignerLoaderTest {
    @TempDir
    Path dir;

    @Test
    void keyTheChosenProviderCannotTake_namesTheFileAndTheProviderSetting() throws Exception {
        Ca ca = TestPki.newRoot("Loader CA").build();
        ca.writeCertPem(dir.resolve("ca.pem"));
        // AWS-LC signs no Ed25519 (and where its library does not load it signs nothing)
        CertBundle signer =
                ca.issueOcspSigner("Ed25519 OCSP").keyType(KeyType.ED25519).build();
        signer.writeCertPem(dir.resolve("s.pem"));
        signer.writeKeyPem(dir.resolve("s.key"));
        Path file = Files.writeString(dir.resolve("responder.yaml"), """
                database:
                  url: jdbc:postgresql://db/ocsp
                server:
                  signingProvider: aws-lc
                responders:
                  - name: r
                    issuers:
                      - label: ca
                        certificate: ca.pem
                        signer: {certificate: s.pem, key: s.key}
                """);

        assertThatThrownBy(() -> SignerLoader.load(ConfigFile.load(file, Map.of()), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": responders[0].issuers[0]: ")
                .hasMessageContaining("signing provider aws-lc")
                .hasMessageEndingWith("(setting server.signingProvider)");
    }
}
