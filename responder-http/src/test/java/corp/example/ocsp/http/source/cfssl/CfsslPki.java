package corp.example.ocsp.http.source.cfssl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import corp.example.ocsp.testing.Cfssl;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CA run with the real cfssl: made with {@code gencert -initca}, a delegated OCSP signer from a
 * profile with {@code "usages": ["digital signature", "ocsp signing"]} and {@code "ocsp_no_check"},
 * and leaves recorded in a certdb by {@code cfssl sign -db-config} (Debian's cfssl 1.2 has no
 * {@code gencert -db-config}: {@code genkey} makes the CSR, {@code sign} records it).
 */
final class CfsslPki {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CA_CONFIG = """
            {"signing": {
              "default": {"expiry": "8760h", "usages": ["digital signature", "key encipherment", "server auth"]},
              "profiles": {"ocsp": {"expiry": "8760h", "usages": ["digital signature", "ocsp signing"],
                                    "ocsp_no_check": true}}}}
            """;

    final Path dir;
    final String name;

    /** Makes CA {@code name} in {@code dir}: NAME.pem, NAME-key.pem, NAME-ocsp.pem, NAME-ocsp-key.pem. */
    CfsslPki(Path dir, String name) throws IOException {
        this.dir = dir;
        this.name = name;
        Files.writeString(dir.resolve("ca-config.json"), CA_CONFIG);
        Files.writeString(
                dir.resolve(name + "-csr.json"), "{\"CN\":\"" + name + "\",\"key\":{\"algo\":\"ecdsa\",\"size\":256}}");
        write(
                Cfssl.run(dir, "gencert", "-initca", name + "-csr.json")
                        .assertSuccess()
                        .stdout(),
                name);
        Files.writeString(
                dir.resolve(name + "-ocsp-csr.json"),
                "{\"CN\":\"" + name + " OCSP\",\"key\":{\"algo\":\"ecdsa\",\"size\":256}}");
        write(
                Cfssl.run(
                                dir,
                                "gencert",
                                "-ca",
                                name + ".pem",
                                "-ca-key",
                                name + "-key.pem",
                                "-config",
                                "ca-config.json",
                                "-profile",
                                "ocsp",
                                name + "-ocsp-csr.json")
                        .assertSuccess()
                        .stdout(),
                name + "-ocsp");
    }

    private void write(String gencertJson, String base) throws IOException {
        JsonNode n = JSON.readTree(gencertJson);
        Files.writeString(dir.resolve(base + ".pem"), n.get("cert").asText());
        Files.writeString(dir.resolve(base + "-key.pem"), n.get("key").asText());
    }

    /** A leaf issued and recorded in the certdb of {@code dbConfig}; its PEM is in LEAF.pem. */
    Leaf issue(String leaf, Path dbConfig) throws IOException {
        Files.writeString(
                dir.resolve(leaf + "-csr.json"),
                "{\"CN\":\"" + leaf + "\",\"hosts\":[\"" + leaf + "\"],\"key\":{\"algo\":\"ecdsa\",\"size\":256}}");
        JsonNode key = JSON.readTree(
                Cfssl.run(dir, "genkey", leaf + "-csr.json").assertSuccess().stdout());
        Files.writeString(dir.resolve(leaf + ".csr"), key.get("csr").asText());
        JsonNode cert = JSON.readTree(Cfssl.run(
                        dir,
                        "sign",
                        "-ca",
                        name + ".pem",
                        "-ca-key",
                        name + "-key.pem",
                        "-config",
                        "ca-config.json",
                        "-db-config",
                        dbConfig.toString(),
                        leaf + ".csr")
                .assertSuccess()
                .stdout());
        Path pem =
                Files.writeString(dir.resolve(leaf + ".pem"), cert.get("cert").asText());
        String serialHex = corp.example.ocsp.testing.Openssl.run(
                        dir, "x509", "-in", pem.toString(), "-noout", "-serial")
                .assertSuccess()
                .stdout()
                .trim()
                .replace("serial=", "");
        return new Leaf(pem, new BigInteger(serialHex, 16));
    }

    /** A leaf's PEM file and serial. */
    record Leaf(Path pem, BigInteger serial) {}
}
