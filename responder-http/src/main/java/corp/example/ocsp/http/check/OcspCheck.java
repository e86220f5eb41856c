package corp.example.ocsp.http.check;

import corp.example.ocsp.core.x509.BouncyCastle;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Asks one responder about one certificate and judges the answer ({@link #run}). */
public final class OcspCheck {
    private static final SecureRandom RANDOM = new SecureRandom();

    private OcspCheck() {}

    /** Sends the request, waits up to the timeout, and judges what came back (or did not). */
    public static CheckResult run(CheckSettings s, Clock clock) {
        CertificateID id;
        byte[] nonce = s.nonce() ? randomNonce() : null;
        byte[] request;
        try {
            id = new CertificateID(
                    new JcaDigestCalculatorProviderBuilder()
                            .setProvider(BouncyCastle.provider())
                            .build()
                            .get(CertificateID.HASH_SHA1),
                    s.issuer(),
                    s.serial());
            OCSPReqBuilder b = new OCSPReqBuilder().addRequest(id);
            if (nonce != null) {
                b.setRequestExtensions(new Extensions(
                        new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce))));
            }
            request = b.build().getEncoded();
        } catch (OCSPException | OperatorCreationException | IOException e) {
            return CheckResult.unknown("cannot build the request: " + e.getMessage(), s.thresholds());
        }
        long start = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = send(s, request);
        } catch (HttpTimeoutException e) {
            return critical(s, "no answer from " + s.url() + " within " + CheckResult.human(s.timeout()), null);
        } catch (ConnectException e) {
            return critical(s, "cannot connect to " + s.url() + ": " + message(e), null);
        } catch (IOException e) {
            return critical(s, "no answer from " + s.url() + ": " + message(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.unknown("interrupted", s.thresholds());
        }
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        if (response.statusCode() != 200) {
            return critical(s, "HTTP " + response.statusCode() + " from " + s.url(), time);
        }
        OCSPResp resp;
        try {
            resp = new OCSPResp(response.body());
        } catch (IOException | RuntimeException e) {
            return critical(s, "the answer is not an OCSP response (" + response.body().length + " bytes)", time);
        }
        return new AnswerJudge(s, id, nonce, clock.instant(), time).judge(resp);
    }

    private static HttpResponse<byte[]> send(CheckSettings s, byte[] request) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(s.timeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        HttpRequest post = HttpRequest.newBuilder(s.url())
                .timeout(s.timeout())
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                .build();
        return client.send(post, HttpResponse.BodyHandlers.ofByteArray());
    }

    static CheckResult critical(CheckSettings s, String text, Duration time) {
        return new CheckResult(CheckState.CRITICAL, text, Optional.ofNullable(time), Optional.empty(), s.thresholds());
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static byte[] randomNonce() {
        byte[] n = new byte[16];
        RANDOM.nextBytes(n);
        return n;
    }
}
