package corp.example.ocsp.testing.ocsp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;

/** An OCSP request POSTed to a responder over HTTP, as a client sends it, and what came back. */
public final class OcspPost {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OcspPost() {}

    /** The OCSPResponse {@code uri} answers to the DER request {@code request}. */
    public static OCSPResp post(URI uri, byte[] request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/ocsp-request")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new OCSPResp(response.body());
    }

    /**
     * The status of the first SingleResponse of a successful answer ({@link CertificateStatus#GOOD}
     * is null, as Bouncy Castle has it).
     *
     * @throws IllegalStateException if the answer is not a successful basic response
     */
    public static CertificateStatus firstStatus(URI uri, byte[] request)
            throws IOException, InterruptedException, OCSPException {
        OCSPResp resp = post(uri, request);
        if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new IllegalStateException(uri + " answered OCSP status " + resp.getStatus());
        }
        return ((BasicOCSPResp) resp.getResponseObject()).getResponses()[0].getCertStatus();
    }
}
