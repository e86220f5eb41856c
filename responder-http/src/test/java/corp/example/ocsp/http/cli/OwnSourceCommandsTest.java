package corp.example.ocsp.http.cli;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CrlBuilder;
import corp.example.ocsp.testing.pki.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin commands on CAs with their own sources (index.txt, CRL) and no database: reads work, writes are refused naming the CA's tool. */
class OwnSourceCommandsTest {
    @TempDir
    Path dir;

    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        Ca index = TestPki.newRoot("Cmd Index CA").build();
        Ca crl = TestPki.newRoot("Cmd CRL CA").build();
        index.writeCertPem(dir.resolve("index.pem"));
        index.writeKeyPem(dir.resolve("index.key"));
        crl.writeCertPem(dir.resolve("crl.pem"));
        crl.writeKeyPem(dir.resolve("crl.key"));
        Files.writeString(
                dir.resolve("index.txt"), "R\t301231235959Z\t261120090000Z,superseded\t1001\tunknown\t/CN=b\n");
        CrlBuilder.by(crl)
                .number(1)
                .revoke(BigInteger.valueOf(0x2002), Instant.parse("2026-11-20T09:00:00Z"), 1)
                .write(dir.resolve("ca.crl"));
        config = Files.writeString(dir.resolve("responder.yaml"), """
                admin: {listen: "off"}
                responders:
                  - name: r
                    listen: 127.0.0.1:0
                    issuers:
                      - label: index-ca
                        certificate: index.pem
                        index: index.txt
                        signer: {certificate: index.pem, key: index.key}
                      - label: crl-ca
                        certificate: crl.pem
                        crl: ca.crl
                        signer: {certificate: crl.pem, key: crl.key}
                """);
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void statusAndIssuerList_readEachCasOwnSource() {
        String[] s = run("status", "--config", config.toString(), "--issuer", "index-ca", "--serial", "1001");
        assertThat(s[0]).as(s[2]).isEqualTo("0");
        assertThat(s[1])
                .contains("index-ca serial 1001")
                .contains("revoked at 2026-11-20T09:00:00Z (superseded)")
                .contains("index.txt line 1");
        String[] c = run("status", "--config", config.toString(), "--issuer", "crl-ca", "--serial", "2002");
        assertThat(c[1])
                .contains("crl-ca serial 2002")
                .contains("keyCompromise")
                .contains("full CRL number 1");
        String[] list = run("issuer", "list", "--config", config.toString());
        assertThat(list[0]).as(list[2]).isEqualTo("0");
        assertThat(list[1]).contains("index-ca").contains("crl-ca");
    }

    @Test
    void revoke_isRefused_namingTheCasOwnTool() {
        String[] r = run(
                "revoke",
                "--config",
                config.toString(),
                "--issuer",
                "index-ca",
                "--serial",
                "1001",
                "--reason",
                "keyCompromise");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2])
                .contains("openssl ca is the record of CA index-ca")
                .contains("openssl ca -config openssl.cnf -revoke");
        String[] c = run(
                "revoke",
                "--config",
                config.toString(),
                "--issuer",
                "crl-ca",
                "--serial",
                "2002",
                "--reason",
                "keyCompromise");
        assertThat(c[2]).contains("CA crl-ca is answered from its CRL").contains("revoke at the CA");
        String[] m = run("db", "migrate", "--config", config.toString());
        assertThat(m[0]).isEqualTo("1");
        assertThat(m[2])
                .contains("every CA of this configuration keeps its own records (")
                .contains("there is no database to write to");
    }
}
