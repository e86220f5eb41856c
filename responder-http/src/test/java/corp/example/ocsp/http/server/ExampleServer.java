package corp.example.ocsp.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.OcspAnswer;
import corp.example.ocsp.core.Responder;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.InMemoryStatusSource;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.TestPki;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;

/**
 * The PKI and server the socket tests of the HTTP front end share: an issuing CA under a root; leaves
 * {@code good}, {@code revoked} and {@code unknown} (to the store); and a server with two listeners.
 * The first serves the issuing CA's responder at {@code /}, the root's at {@code /root} and, at
 * {@code /fixed/}, an endpoint answering every request with {@code fixed} as a cache hit; the second
 * serves the root's at {@code /}. Its limits are small: 4096-byte body and header block, 2048-byte
 * request line, request timeout 1 s, idle timeout 2 s, 100 connections.
 */
record ExampleServer(
        Ca root,
        Ca issuing,
        CertBundle good,
        CertBundle revoked,
        CertBundle unknown,
        OcspAnswer fixed,
        ServerUnderTest server)
        implements AutoCloseable {

    static ExampleServer start() throws Exception {
        Ca root = TestPki.newRoot("HTTP Root").build();
        Ca issuing = root.issueIntermediate("HTTP Issuing CA").build();
        CertBundle signer = issuing.issueOcspSigner("HTTP OCSP").build();
        CertBundle rootSigner = root.issueOcspSigner("HTTP Root OCSP").build();
        CertBundle good = issuing.issueLeaf("good.example").build();
        CertBundle revoked = issuing.issueLeaf("revoked.example").build();
        CertBundle unknown = issuing.issueLeaf("unknown.example").build();
        Issuer issuer = Issuer.of("issuing", issuing.holder());
        Issuer rootIssuer = Issuer.of("root", root.holder());
        InMemoryStatusSource source = new InMemoryStatusSource()
                .good(issuer, good.serial())
                .put(
                        issuer,
                        revoked.serial(),
                        CertStatus.revoked(Instant.now().minusSeconds(60), RevocationReason.KEY_COMPROMISE))
                .good(rootIssuer, issuing.serial());
        Responder responder = TestResponders.responder("issuing", source)
                .issuer(issuer, signer)
                .build();
        Responder rootResponder = TestResponders.responder("root", source)
                .issuer(rootIssuer, rootSigner)
                .build();
        OcspAnswer fixed = responder.respond(request(good));
        ServerUnderTest server = ServerUnderTest.builder()
                .route("/", responder)
                .route("/root", rootResponder)
                .route("/fixed/", fixedEndpoint("fixed", fixed))
                .listener()
                .route("/", rootResponder)
                .maxBodyBytes(4096)
                .maxUriBytes(2048)
                .maxHeaderBytes(4096)
                .requestTimeout(Duration.ofSeconds(1))
                .idleTimeout(Duration.ofSeconds(2))
                .maxConnections(100)
                .start();
        return new ExampleServer(root, issuing, good, revoked, unknown, fixed, server);
    }

    /** The first listener's port. */
    int port() {
        return server.port();
    }

    /** The second listener's port. */
    int secondPort() {
        return server.port(1);
    }

    @Override
    public void close() {
        server.close();
    }

    /** An endpoint that answers every request with {@code answer}, as a cache hit. */
    static Endpoint fixedEndpoint(String name, OcspAnswer answer) {
        OcspAnswer hit = answer instanceof OcspAnswer.Signed signed ? signed.asCached() : answer;
        return new Endpoint() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletableFuture<OcspAnswer> answer(byte[] request) {
                return CompletableFuture.completedFuture(hit);
            }
        };
    }

    /** A DER request for {@code leaf} with a SHA-1 CertID. */
    static byte[] request(CertBundle leaf) {
        return OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build();
    }

    /** Sends {@code raw} on a new connection to {@code port} and reads the answer. */
    static RawHttp.Response exchange(int port, byte[] raw) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            return http.send(raw).read();
        }
    }

    /** The status of the only (or first) certificate of a successful OCSP response. */
    static CertificateStatus status(byte[] der) throws Exception {
        OCSPResp resp = new OCSPResp(der);
        assertThat(resp.getStatus()).isZero();
        return ((BasicOCSPResp) resp.getResponseObject()).getResponses()[0].getCertStatus();
    }

    /** The percent-encoded base64 of {@code der}, for a GET path. */
    static String urlEncoded(byte[] der) {
        return URLEncoder.encode(Base64.getEncoder().encodeToString(der), StandardCharsets.US_ASCII);
    }
}
