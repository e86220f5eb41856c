package corp.example.ocsp.core;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.response.ResponseEncoder;
import corp.example.ocsp.core.response.SingleAnswer;
import corp.example.ocsp.core.signing.ResponderSigner;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@link ResponseEncoder} writes the ResponseData as DER itself: these pin its bytes to those of
 * Bouncy Castle's {@code ResponseData} built from the same answers, for every status and field.
 */
class ResponseEncoderTest {
    private static final Instant PRODUCED = Instant.parse("2026-11-22T10:15:30.750Z");
    private final TestCas pki = new TestCas();
    private final ResponderSigner signer = TestCas.signer(pki.signer, pki.issuer, pki.clock);

    @Test
    void eachStatus_isEncodedAsBouncyCastleEncodesIt_byKeyAndByName() throws Exception {
        Instant revokedAt = Instant.parse("2025-01-02T03:04:05Z");
        List<CertStatus> statuses = List.of(
                CertStatus.good(),
                CertStatus.notKnown(),
                new CertStatus.Revoked(revokedAt, Optional.empty(), Optional.empty()),
                CertStatus.revoked(revokedAt, RevocationReason.KEY_COMPROMISE),
                CertStatus.revoked(revokedAt, RevocationReason.AA_COMPROMISE),
                new CertStatus.Revoked(
                        revokedAt,
                        Optional.of(RevocationReason.SUPERSEDED),
                        Optional.of(Instant.parse("2024-12-31T23:59:59Z"))));
        for (boolean byName : new boolean[] {false, true}) {
            for (CertStatus status : statuses) {
                List<SingleAnswer> answers = List.of(answer(BigInteger.valueOf(4711), status));
                assertEncodedLikeBouncyCastle(byName, answers, List.of());
            }
        }
    }

    @Test
    void severalAnswers_andResponseExtensions_areEncodedAsBouncyCastleEncodesThem() throws Exception {
        List<SingleAnswer> answers = new ArrayList<>();
        answers.add(answer(BigInteger.ONE, CertStatus.good()));
        answers.add(answer(new BigInteger("00ff00ff00ff00ff00ff00ff00ff00ff00ff", 16), CertStatus.notKnown()));
        answers.add(answer(BigInteger.valueOf(-5), CertStatus.revoked(PRODUCED, RevocationReason.CERTIFICATE_HOLD)));
        Extension nonce = new Extension(
                OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(new byte[16]).getEncoded());
        assertEncodedLikeBouncyCastle(false, answers, List.of(nonce, ResponseEncoder.extendedRevoke()));
        assertEncodedLikeBouncyCastle(true, answers.subList(0, 1), List.of(nonce));
    }

    private void assertEncodedLikeBouncyCastle(boolean byName, List<SingleAnswer> answers, List<Extension> extensions)
            throws Exception {
        byte[] der = new ResponseEncoder(signer, byName).encode(answers, PRODUCED, extensions);

        assertThat(ASN1Primitive.fromByteArray(der).getEncoded(ASN1Encoding.DER))
                .as("the response is DER")
                .isEqualTo(der);
        BasicOCSPResponse basic = BasicOCSPResponse.getInstance(
                OCSPResponse.getInstance(der).getResponseBytes().getResponse().getOctets());
        assertThat(basic.getTbsResponseData().getEncoded(ASN1Encoding.DER))
                .as("%s, byName %s, %s", answers, byName, extensions)
                .isEqualTo(bouncyCastle(byName, answers, extensions));
        assertThat(new BasicOCSPResp(basic)
                        .isSignatureValid(new JcaContentVerifierProviderBuilder().build(signer.certificate())))
                .isTrue();
    }

    /** What the encoder built with Bouncy Castle's objects before it wrote the DER itself. */
    private byte[] bouncyCastle(boolean byName, List<SingleAnswer> answers, List<Extension> extensions)
            throws Exception {
        ASN1EncodableVector singles = new ASN1EncodableVector();
        for (SingleAnswer a : answers) {
            Extensions single = null;
            if (a.status() instanceof CertStatus.Revoked r && r.invalidityDate().isPresent()) {
                single = new Extensions(new Extension(
                        Extension.invalidityDate,
                        false,
                        ResponseEncoder.time(r.invalidityDate().get()).getEncoded(ASN1Encoding.DER)));
            }
            singles.add(new SingleResponse(
                    a.certId(),
                    status(a.status()),
                    ResponseEncoder.time(a.thisUpdate()),
                    ResponseEncoder.time(a.nextUpdate()),
                    single));
        }
        ResponderID id = byName
                ? new ResponderID(signer.certificate().getSubject())
                : new ResponderID(new DEROctetString(signer.keyHash()));
        ASN1Encodable data = new ResponseData(
                id,
                ResponseEncoder.time(PRODUCED),
                new DERSequence(singles),
                extensions.isEmpty() ? null : new Extensions(extensions.toArray(new Extension[0])));
        return data.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    }

    private static org.bouncycastle.asn1.ocsp.CertStatus status(CertStatus status) {
        if (status instanceof CertStatus.Revoked r) {
            CRLReason reason = r.reason().map(x -> CRLReason.lookup(x.code())).orElse(null);
            return new org.bouncycastle.asn1.ocsp.CertStatus(
                    new RevokedInfo(ResponseEncoder.time(r.revokedAt()), reason));
        }
        return status instanceof CertStatus.Good
                ? new org.bouncycastle.asn1.ocsp.CertStatus()
                : new org.bouncycastle.asn1.ocsp.CertStatus(2, DERNull.INSTANCE);
    }

    private static SingleAnswer answer(BigInteger serial, CertStatus status) {
        CertID id = new CertID(
                new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE),
                new DEROctetString(new byte[20]),
                new DEROctetString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}),
                new ASN1Integer(serial));
        return new SingleAnswer(id, status, PRODUCED.minusSeconds(3600), PRODUCED.plus(Duration.ofDays(4)));
    }
}
