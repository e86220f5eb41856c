package corp.example.ocsp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.response.CompactResponse;
import corp.example.ocsp.core.response.ErrorStatus;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.CertBundle;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A response without its signer certificate, as the response store keeps it, and back, byte for byte. */
class CompactResponseTest {
    private final TestCas pki = new TestCas();

    private byte[] answer(ResponderSigner signer, CertBundle leaf) {
        pki.source.good(pki.issuer, leaf.serial());
        Responder r = Responder.builder("compact", pki.source)
                .clock(pki.clock)
                .issuer(pki.issuer, signer)
                .build();
        return r.respond(OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA1)
                        .build())
                .der();
    }

    @Test
    void aDelegatedSignersResponse_splitsIntoBodyAndCertificate_andJoinsBackToTheSameBytes() {
        ResponderSigner signer = TestCas.signer(pki.signer, pki.issuer, pki.clock);
        byte[] der = answer(signer, pki.leaf("compact.example"));
        byte[] body = CompactResponse.body(der);
        byte[] certs = CompactResponse.certs(der);
        assertThat(certs).isEqualTo(CompactResponse.certs(signer));
        assertThat(body.length + certs.length).isLessThan(der.length);
        assertThat(CompactResponse.join(body, certs)).isEqualTo(der);
        assertThat(Parsed.of(CompactResponse.join(body, certs)).basic().getCerts())
                .hasSize(1);
    }

    @Test
    void aCaSignedResponse_hasNoCertificateBlock() {
        ResponderSigner caSigns = TestCas.signer(pki.issuing, pki.issuer, pki.clock);
        byte[] der = answer(caSigns, pki.leaf("ca-signed.example"));
        assertThat(CompactResponse.certs(der)).isEmpty();
        assertThat(CompactResponse.certs(caSigns)).isEmpty();
        assertThat(CompactResponse.join(CompactResponse.body(der), new byte[0])).isEqualTo(der);
    }

    @Test
    void whatIsNotASignedResponse_isRefused() {
        assertThatThrownBy(() -> CompactResponse.body(ErrorStatus.TRY_LATER.der()))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] der = answer(TestCas.signer(pki.signer, pki.issuer, pki.clock), pki.leaf("cut.example"));
        assertThatThrownBy(() -> CompactResponse.body(Arrays.copyOf(der, der.length - 10)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
