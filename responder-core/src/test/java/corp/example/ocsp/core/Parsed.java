package corp.example.ocsp.core;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.testing.pki.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/** A successful response parsed back with Bouncy Castle, its signature checked. */
record Parsed(OCSPResp resp, BasicOCSPResp basic, BasicOCSPResponse asn1) {
    static Parsed of(byte[] der) {
        try {
            OCSPResp resp = new OCSPResp(der);
            assertThat(resp.getStatus()).as("response status").isEqualTo(OCSPResp.SUCCESSFUL);
            BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
            BasicOCSPResponse asn1 = BasicOCSPResponse.getInstance(ASN1Primitive.fromByteArray(basic.getEncoded()));
            return new Parsed(resp, basic, asn1);
        } catch (IOException | org.bouncycastle.cert.ocsp.OCSPException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    /** True when the signature verifies with {@code signer}'s public key. */
    boolean signedBy(X509Certificate signer) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(TestPki.provider())
                    .build(signer.getPublicKey()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    ResponseData data() {
        return asn1.getTbsResponseData();
    }

    SingleResponse single(int i) {
        return SingleResponse.getInstance(data().getResponses().getObjectAt(i));
    }

    int singles() {
        return data().getResponses().size();
    }

    X509CertificateHolder[] certs() {
        return basic.getCerts();
    }
}
