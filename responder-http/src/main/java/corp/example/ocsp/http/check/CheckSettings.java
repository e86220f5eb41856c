package corp.example.ocsp.http.check;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What to ask and how to judge it.
 *
 * @param url the responder's URL (the request is POSTed to it)
 * @param issuer the CA of the certificate asked about
 * @param serial the certificate's serial number
 * @param expect the status that is OK
 * @param thresholds warning and critical margins before nextUpdate
 * @param nonce send a nonce and require it echoed
 * @param timeout for connecting and for the whole answer
 */
public record CheckSettings(
        URI url,
        X509CertificateHolder issuer,
        BigInteger serial,
        Expect expect,
        CheckResult.Thresholds thresholds,
        boolean nonce,
        Duration timeout) {

    /** The status that is OK. */
    public enum Expect {
        GOOD,
        REVOKED,
        UNKNOWN
    }
}
