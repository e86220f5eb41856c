package corp.example.ocsp.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CA run with the real {@code openssl ca}, in a directory of its own as an operator sets one up:
 * {@code openssl.cnf}, {@code index.txt}, {@code serial}, {@code newcerts/}, the CA's P-256 key and
 * self-signed certificate ({@code ca.key}, {@code ca.pem}; keyUsage keyCertSign, cRLSign and
 * digitalSignature, so it can sign its own OCSP responses). Leaves are issued, revoked and CRLs
 * made with {@code openssl ca} itself, which rewrites {@code index.txt} its own way
 * ({@code index.txt.new}, then renames).
 */
public final class OpensslCa {
    private static final String CNF = """
            [ ca ]
            default_ca = CA_default

            [ CA_default ]
            dir = .
            database = $dir/index.txt
            new_certs_dir = $dir/newcerts
            certificate = $dir/ca.pem
            private_key = $dir/ca.key
            serial = $dir/serial
            crlnumber = $dir/crlnumber
            default_md = sha256
            policy = policy_any
            default_days = 365
            default_crl_days = 7
            unique_subject = no
            email_in_dn = no
            x509_extensions = leaf

            [ policy_any ]
            commonName = supplied

            [ req ]
            distinguished_name = dn
            prompt = no

            [ dn ]
            CN = %s

            [ v3_ca ]
            basicConstraints = critical, CA:true
            keyUsage = critical, keyCertSign, cRLSign, digitalSignature
            subjectKeyIdentifier = hash

            [ leaf ]
            basicConstraints = CA:false
            keyUsage = critical, digitalSignature
            authorityKeyIdentifier = keyid
            """;

    private final Path dir;

    private OpensslCa(Path dir) {
        this.dir = dir;
    }

    /**
     * Makes the CA {@code name} in {@code dir} (created if missing), its index.txt empty.
     *
     * @throws AssertionError if no {@code openssl} binary runs here (a failure, not a skip)
     */
    public static OpensslCa create(Path dir, String name) throws IOException {
        if (!Openssl.available()) {
            throw new AssertionError("openssl is required: run scripts/install-test-deps");
        }
        Files.createDirectories(dir.resolve("newcerts"));
        Files.writeString(dir.resolve("openssl.cnf"), CNF.formatted(name));
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("serial"), "1000\n");
        Files.writeString(dir.resolve("crlnumber"), "01\n");
        OpensslCa ca = new OpensslCa(dir);
        ca.openssl(
                "req",
                "-x509",
                "-config",
                "openssl.cnf",
                "-extensions",
                "v3_ca",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "30");
        return ca;
    }

    /** The CA's directory. */
    public Path dir() {
        return dir;
    }

    public Path certificate() {
        return dir.resolve("ca.pem");
    }

    public Path key() {
        return dir.resolve("ca.key");
    }

    public Path index() {
        return dir.resolve("index.txt");
    }

    /** Issues a leaf {@code CN=name} with {@code openssl ca}; returns NAME.pem. */
    public Path issue(String name) {
        openssl(
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".csr",
                "-subj",
                "/CN=" + name);
        openssl("ca", "-batch", "-config", "openssl.cnf", "-notext", "-in", name + ".csr", "-out", name + ".pem");
        return dir.resolve(name + ".pem");
    }

    /** The serial of the certificate in {@code pem}. */
    public BigInteger serial(Path pem) {
        String out = openssl("x509", "-in", pem.toString(), "-noout", "-serial")
                .stdout()
                .trim();
        return new BigInteger(out.substring(out.indexOf('=') + 1), 16);
    }

    /**
     * {@code openssl ca -revoke PEM} with {@code how} as given, e.g. {@code "-crl_reason",
     * "keyCompromise"}, {@code "-crl_hold", "holdInstructionReject"} or {@code "-crl_compromise",
     * "20260101000000Z"}.
     */
    public void revoke(Path pem, String... how) {
        String[] args = new String[5 + how.length];
        args[0] = "ca";
        args[1] = "-config";
        args[2] = "openssl.cnf";
        args[3] = "-revoke";
        args[4] = pem.toString();
        System.arraycopy(how, 0, args, 5, how.length);
        openssl(args);
    }

    /** {@code openssl ca -gencrl} into {@code file} (PEM), with {@code extra} arguments (e.g. {@code -crldays 1}). */
    public Path gencrl(String file, String... extra) {
        String[] args = new String[6 + extra.length];
        args[0] = "ca";
        args[1] = "-config";
        args[2] = "openssl.cnf";
        args[3] = "-gencrl";
        args[4] = "-out";
        args[5] = file;
        System.arraycopy(extra, 0, args, 6, extra.length);
        openssl(args);
        return dir.resolve(file);
    }

    /**
     * {@code openssl ocsp} asking {@code url} about {@code leaf} (a path, or {@code -serial} and a
     * hex serial when {@code leaf} starts with {@code 0x}) of this CA, verifying against the CA, no
     * nonce, with {@code extra} arguments (e.g. {@code -resp_text}); its output.
     */
    public String ocsp(String url, String leaf, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "ocsp",
                "-issuer",
                certificate().toString(),
                leaf.startsWith("0x") ? "-serial" : "-cert",
                leaf,
                "-url",
                url,
                "-CAfile",
                certificate().toString(),
                "-no_nonce"));
        args.addAll(java.util.List.of(extra));
        return openssl(args.toArray(String[]::new)).output();
    }

    /** Runs {@code openssl args} in the CA's directory; fails the test if it fails. */
    public Openssl.Result openssl(String... args) {
        return Openssl.run(dir, args).assertSuccess();
    }
}
