package corp.example.ocsp.core;

import static corp.example.ocsp.core.Answers.signed;
import static corp.example.ocsp.core.Answers.unsigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.response.ErrorStatus;
import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.StatusSource;
import corp.example.ocsp.core.status.StatusUnavailableException;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import corp.example.ocsp.testing.pki.Ca;
import corp.example.ocsp.testing.pki.CertBundle;
import corp.example.ocsp.testing.pki.KeyType;
import corp.example.ocsp.testing.pki.TestPki;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.Test;

/** The Responder facade against CONFORMANCE.md sections B, C and D (what does not need HTTP). */
class ResponderTest {
    private static final HexFormat HEX = HexFormat.of();
    private final TestCas pki = new TestCas();

    private byte[] request(CertBundle leaf) {
        return OcspRequestBuilder.create().certId(leaf, CertIdHash.SHA1).build();
    }

    @Test
    void good_isSignedByTheDelegatedSignerAndCarriesItsCertificate() throws Exception {
        CertBundle leaf = pki.leaf("good.example");
        pki.source.good(pki.issuer, leaf.serial());

        OcspAnswer answer = pki.responder().build().respond(request(leaf));

        assertThat(answer.outcome()).isEqualTo(Outcome.GOOD);
        assertThat(signed(answer).cacheable()).isTrue();
        Parsed p = Parsed.of(answer.der());
        assertThat(p.basic().getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(p.signedBy(pki.signer.certificate())).isTrue();
        assertThat(p.certs()).hasSize(1);
        assertThat(p.certs()[0].getEncoded()).isEqualTo(pki.signer.encoded());
        // version v1 is the DEFAULT and so omitted; the basic type is id-pkix-ocsp-basic (item 24)
        assertThat(p.data().getVersion().intValueExact()).isZero();
        assertThat(answer.der()).hasSizeLessThan(10_000);
    }

    @Test
    void revoked_carriesTimeReasonAndInvalidityDate() {
        CertBundle leaf = pki.leaf("revoked.example");
        Instant revokedAt = TestCas.NOW.minus(Duration.ofHours(3)).plusMillis(640);
        Instant invalid = TestCas.NOW.minus(Duration.ofDays(2));
        pki.source.put(
                pki.issuer,
                leaf.serial(),
                new CertStatus.Revoked(revokedAt, Optional.of(RevocationReason.KEY_COMPROMISE), Optional.of(invalid)));

        OcspAnswer answer = pki.responder().build().respond(request(leaf));

        assertThat(answer.outcome()).isEqualTo(Outcome.REVOKED);
        SingleResponse single = Parsed.of(answer.der()).single(0);
        RevokedInfo info = RevokedInfo.getInstance(single.getCertStatus().getStatus());
        assertThat(info.getRevocationTime().getTimeString()).isEqualTo("20261122071530Z");
        assertThat(info.getRevocationReason().getValue().intValue()).isEqualTo(1);
        Extension invalidity = single.getSingleExtensions().getExtension(Extension.invalidityDate);
        assertThat(invalidity.isCritical()).isFalse();
        assertThat(ASN1GeneralizedTime.getInstance(invalidity.getParsedValue()).getTimeString())
                .isEqualTo("20261120101530Z");
        // a reason goes in RevokedInfo, never as a reasonCode singleExtension (BR 7.3.2, item 33)
        assertThat(single.getSingleExtensions().getExtension(Extension.reasonCode))
                .isNull();
    }

    @Test
    void revocationTimeIsNeverAfterProducedAt() {
        CertBundle leaf = pki.leaf("future.example");
        pki.source.put(pki.issuer, leaf.serial(), CertStatus.revoked(TestCas.NOW.plusSeconds(3600), null));

        Parsed p = Parsed.of(pki.responder().build().respond(request(leaf)).der());

        RevokedInfo info = RevokedInfo.getInstance(p.single(0).getCertStatus().getStatus());
        assertThat(info.getRevocationTime().getTimeString())
                .isEqualTo(p.data().getProducedAt().getTimeString());
        assertThat(info.getRevocationReason()).isNull();
    }

    @Test
    void unknownSerial_defaultPolicyIsSignedUnknownAndNotCacheable() {
        CertBundle leaf = pki.leaf("never-registered.example");

        OcspAnswer answer = pki.responder().build().respond(request(leaf));

        assertThat(answer.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(signed(answer).cacheable()).isFalse();
        Parsed p = Parsed.of(answer.der());
        assertThat(p.basic().getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
        assertThat(p.signedBy(pki.signer.certificate())).isTrue();
    }

    @Test
    void unknownSerial_unauthorizedPolicyAnswersTheUnsignedError() {
        CertBundle leaf = pki.leaf("never-registered.example");
        Responder responder = pki.responder()
                .settings(ResponderSettings.defaults().withUnknownSerial(UnknownSerialPolicy.UNAUTHORIZED))
                .build();

        OcspAnswer answer = responder.respond(request(leaf));

        assertThat(answer.der()).isEqualTo(HEX.parseHex("30030a0106"));
        assertThat(answer.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
    }

    @Test
    void unknownSerial_revokedPolicyFollowsRfc6960NonIssued() {
        CertBundle leaf = pki.leaf("never-registered.example");
        Responder responder = pki.responder()
                .settings(ResponderSettings.defaults().withUnknownSerial(UnknownSerialPolicy.REVOKED))
                .build();

        OcspAnswer answer = responder.respond(request(leaf));

        assertThat(answer.outcome()).isEqualTo(Outcome.REVOKED);
        assertThat(signed(answer).cacheable()).isFalse();
        Parsed p = Parsed.of(answer.der());
        SingleResponse single = p.single(0);
        RevokedInfo info = RevokedInfo.getInstance(single.getCertStatus().getStatus());
        assertThat(info.getRevocationTime().getTimeString()).isEqualTo("19700101000000Z");
        assertThat(info.getRevocationReason().getValue().intValue()).isEqualTo(6); // certificateHold
        Extension extendedRevoke =
                p.data().getResponseExtensions().getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_extended_revoke);
        assertThat(extendedRevoke.isCritical()).isFalse();
        assertThat(extendedRevoke.getParsedValue()).isEqualTo(DERNull.INSTANCE);
        assertThat(single.getSingleExtensions()).isNull();
    }

    @Test
    void unknownSerialIsNeverGoodUnderAnyPolicy() {
        CertBundle leaf = pki.leaf("random.example");
        for (UnknownSerialPolicy policy : UnknownSerialPolicy.values()) {
            OcspAnswer answer = pki.responder()
                    .settings(ResponderSettings.defaults().withUnknownSerial(policy))
                    .build()
                    .respond(OcspRequestBuilder.create()
                            .certId(
                                    pki.issuing.certificate(),
                                    new BigInteger(128, new java.util.Random(7)),
                                    CertIdHash.SHA1)
                            .build());
            assertThat(answer.outcome()).as(policy.name()).isNotEqualTo(Outcome.GOOD);
            if (answer.outcome().successful()) {
                assertThat(Parsed.of(answer.der()).basic().getResponses()[0].getCertStatus())
                        .as(policy.name())
                        .isNotEqualTo(CertificateStatus.GOOD);
            }
        }
    }

    @Test
    void everyCertIdHashAlgorithmIsAnsweredAndEchoedByteForByte() throws Exception {
        CertBundle leaf = pki.leaf("hashes.example");
        pki.source.good(pki.issuer, leaf.serial());
        Responder responder = pki.responder().build();
        for (CertIdHash hash : CertIdHash.values()) {
            for (boolean absentParams : new boolean[] {false, true}) {
                OcspRequestBuilder b = OcspRequestBuilder.create().certId(leaf, hash);
                if (absentParams) {
                    b.hashParametersAbsent();
                }
                byte[] req = b.build();
                OcspAnswer answer = responder.respond(req);
                assertThat(answer.outcome())
                        .as(hash + " params absent " + absentParams)
                        .isEqualTo(Outcome.GOOD);
                byte[] echoed = Parsed.of(answer.der()).single(0).getCertID().getEncoded(ASN1Encoding.DER);
                assertThat(echoed).as(hash + " echo").isEqualTo(OcspRequestBuilder.certIdDer(req, 0));
            }
        }
    }

    @Test
    void severalCertIds_getOneSingleResponseEachInRequestOrder() {
        CertBundle a = pki.leaf("a.example");
        CertBundle b = pki.leaf("b.example");
        CertBundle c = pki.leaf("c.example");
        pki.source.good(pki.issuer, a.serial());
        pki.source.put(
                pki.issuer, b.serial(), CertStatus.revoked(TestCas.NOW.minusSeconds(60), RevocationReason.SUPERSEDED));

        byte[] req = OcspRequestBuilder.create()
                .certId(a, CertIdHash.SHA1)
                .certId(b, CertIdHash.SHA256)
                .certId(c, CertIdHash.SHA1)
                .build();
        OcspAnswer answer = pki.responder().build().respond(req);

        assertThat(answer.outcome()).isEqualTo(Outcome.MULTIPLE);
        assertThat(signed(answer).cacheable()).isFalse();
        assertThat(answer.serials()).hasSize(3);
        Parsed p = Parsed.of(answer.der());
        assertThat(p.singles()).isEqualTo(3);
        assertThat(p.basic().getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(p.basic().getResponses()[1].getCertStatus()).isInstanceOf(RevokedStatus.class);
        assertThat(p.basic().getResponses()[2].getCertStatus()).isInstanceOf(UnknownStatus.class);
        for (int i = 0; i < 3; i++) {
            assertThat(p.single(i).getCertID().getSerialNumber().getValue())
                    .isEqualTo(new BigInteger[] {a.serial(), b.serial(), c.serial()}[i]);
        }
    }

    @Test
    void serialEdgeCases_areLookedUpExactlyAndEchoed() throws Exception {
        BigInteger[] serials = {
            BigInteger.ZERO,
            BigInteger.ONE,
            BigInteger.valueOf(-1),
            BigInteger.valueOf(128),
            new BigInteger(1, HEX.parseHex("80" + "11".repeat(15))),
            new BigInteger(1, HEX.parseHex("7f" + "ab".repeat(19)))
        };
        Responder responder = pki.responder().build();
        for (BigInteger serial : serials) {
            pki.source.good(pki.issuer, serial);
        }
        for (BigInteger serial : serials) {
            byte[] req = OcspRequestBuilder.create()
                    .certId(pki.issuing.certificate(), serial, CertIdHash.SHA1)
                    .build();
            OcspAnswer answer = responder.respond(req);
            assertThat(answer.outcome()).as("serial %s", serial).isEqualTo(Outcome.GOOD);
            assertThat(Parsed.of(answer.der()).single(0).getCertID().getEncoded(ASN1Encoding.DER))
                    .isEqualTo(OcspRequestBuilder.certIdDer(req, 0));
        }
        // a serial that differs only by the sign is another serial
        assertThat(responder
                        .respond(OcspRequestBuilder.create()
                                .certId(pki.issuing.certificate(), BigInteger.valueOf(-128), CertIdHash.SHA1)
                                .build())
                        .outcome())
                .isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void revokedCaCertificate_carriesItsReasonAndNoReasonCodeExtension() {
        Issuer rootIssuer = Issuer.of("root", pki.root.holder());
        CertBundle rootSigner =
                pki.root.issueOcspSigner("Root OCSP").clock(pki.clock).build();
        pki.source.put(
                rootIssuer,
                pki.issuing.serial(),
                CertStatus.revoked(TestCas.NOW.minusSeconds(600), RevocationReason.CA_COMPROMISE));
        Responder responder = Responder.builder("root", pki.source)
                .clock(pki.clock)
                .issuer(rootIssuer, TestCas.signer(rootSigner, rootIssuer, pki.clock))
                .build();

        Parsed p = Parsed.of(responder.respond(request(pki.issuing)).der());

        RevokedInfo info = RevokedInfo.getInstance(p.single(0).getCertStatus().getStatus());
        assertThat(info.getRevocationReason().getValue().intValue()).isEqualTo(2); // cACompromise
        assertThat(p.single(0).getSingleExtensions()).isNull();
    }

    @Test
    void foreignIssuer_isUnauthorized() {
        Ca foreign = TestPki.newRoot("Foreign CA").clock(pki.clock).build();
        CertBundle leaf = foreign.issueLeaf("foreign.example").clock(pki.clock).build();

        OcspAnswer answer = pki.responder().build().respond(request(leaf));

        assertThat(answer.der()).isEqualTo(ErrorStatus.UNAUTHORIZED.der());
    }

    @Test
    void nameHashOfOneCaWithKeyHashOfAnother_isNotGood() {
        Ca other =
                pki.root.issueIntermediate("Other Issuing CA").clock(pki.clock).build();
        CertBundle leaf = pki.leaf("mixed.example");
        pki.source.good(pki.issuer, leaf.serial());
        Issuer otherIssuer = Issuer.of("other", other.holder());

        byte[] req = OcspRequestBuilder.create()
                .certIdRaw(
                        CertIdHash.SHA1,
                        pki.issuer.nameHash(HashAlgorithm.SHA1),
                        otherIssuer.keyHash(HashAlgorithm.SHA1),
                        leaf.serial())
                .build();
        OcspAnswer answer = pki.responder().build().respond(req);

        assertThat(answer.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
    }

    @Test
    void nonce_isEchoedIdenticallyAndNonCritical() {
        CertBundle leaf = pki.leaf("nonce.example");
        pki.source.good(pki.issuer, leaf.serial());
        Responder responder = pki.responder().build();
        for (int length : new int[] {1, 15, 16, 32, 33, 128}) {
            byte[] nonce = new byte[length];
            new java.util.Random(length).nextBytes(nonce);
            OcspAnswer answer = responder.respond(OcspRequestBuilder.create()
                    .certId(leaf, CertIdHash.SHA1)
                    .nonce(nonce)
                    .build());
            assertThat(answer.outcome()).as("nonce of %d octets", length).isEqualTo(Outcome.GOOD);
            assertThat(signed(answer).cacheable()).isFalse();
            Extensions ext = Parsed.of(answer.der()).data().getResponseExtensions();
            Extension echoed = ext.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            assertThat(echoed.isCritical()).isFalse();
            assertThat(ASN1OctetString.getInstance(echoed.getParsedValue()).getOctets())
                    .isEqualTo(nonce);
            assertThat(ext.getExtensionOIDs()).hasSize(1); // no other responseExtensions (item 37)
        }
    }

    @Test
    void nonce_criticalInTheRequestIsStillEchoedNonCritical() throws Exception {
        CertBundle leaf = pki.leaf("nonce.example");
        pki.source.good(pki.issuer, leaf.serial());
        byte[] nonce = HEX.parseHex("00112233445566778899aabbccddeeff");

        OcspAnswer answer = pki.responder()
                .build()
                .respond(OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA1)
                        .nonce(nonce)
                        .nonceCritical()
                        .build());

        Extension echoed = Parsed.of(answer.der())
                .data()
                .getResponseExtensions()
                .getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        assertThat(echoed.isCritical()).isFalse();
        assertThat(echoed.getExtnValue()).isEqualTo(new DEROctetString(new DEROctetString(nonce)));
    }

    @Test
    void nonce_ignorePolicyAnswersWithoutNonceAndCacheable() {
        CertBundle leaf = pki.leaf("nonce.example");
        pki.source.good(pki.issuer, leaf.serial());
        Responder responder = pki.responder()
                .settings(ResponderSettings.defaults().withNonce(NoncePolicy.IGNORE))
                .build();

        OcspAnswer answer = responder.respond(OcspRequestBuilder.create()
                .certId(leaf, CertIdHash.SHA1)
                .nonceOfLength(16)
                .build());

        assertThat(answer.outcome()).isEqualTo(Outcome.GOOD);
        assertThat(signed(answer).cacheable()).isTrue();
        assertThat(Parsed.of(answer.der()).data().getResponseExtensions()).isNull();
    }

    @Test
    void nonce_ofZeroOrMoreThan128OctetsIsMalformed() {
        CertBundle leaf = pki.leaf("nonce.example");
        pki.source.good(pki.issuer, leaf.serial());
        Responder responder = pki.responder().build();
        for (int length : new int[] {0, 129}) {
            OcspAnswer answer = responder.respond(OcspRequestBuilder.create()
                    .certId(leaf, CertIdHash.SHA1)
                    .nonceOfLength(length)
                    .build());
            assertThat(answer.der()).as("nonce of %d octets", length).isEqualTo(HEX.parseHex("30030a0101"));
        }
    }

    @Test
    void times_thisUpdateOnTheMinute_producedAtNow_nextUpdateOneSecondShortOfValidity() {
        CertBundle leaf = pki.leaf("times.example");
        pki.source.good(pki.issuer, leaf.serial());
        pki.clock.set(Instant.parse("2026-11-22T10:15:30.750Z"));

        OcspAnswer answer = pki.responder().build().respond(request(leaf));

        Parsed p = Parsed.of(answer.der());
        SingleResponse single = p.single(0);
        assertThat(p.data().getProducedAt().getTimeString()).isEqualTo("20261122101530Z");
        assertThat(single.getThisUpdate().getTimeString()).isEqualTo("20261122101500Z");
        assertThat(single.getNextUpdate().getTimeString()).isEqualTo("20261126101459Z");
        assertThat(signed(answer).thisUpdate()).isEqualTo(Instant.parse("2026-11-22T10:15:00Z"));
        assertThat(signed(answer).nextUpdate()).isEqualTo(Instant.parse("2026-11-26T10:14:59Z"));
        assertThat(signed(answer).producedAt()).isEqualTo(Instant.parse("2026-11-22T10:15:30Z"));
    }

    @Test
    void times_tenDayValidityEndsOneSecondShort() {
        CertBundle leaf = pki.leaf("times.example");
        pki.source.good(pki.issuer, leaf.serial());
        Responder responder = pki.responder()
                .settings(ResponderSettings.defaults().withValidity(Duration.ofDays(10)))
                .build();

        OcspAnswer answer = responder.respond(request(leaf));

        Duration interval =
                Duration.between(signed(answer).thisUpdate(), signed(answer).nextUpdate());
        assertThat(interval.plusSeconds(1)).isEqualTo(Duration.ofDays(10));
    }

    @Test
    void times_areGeneralizedTimeWithoutFractionalSeconds() {
        CertBundle leaf = pki.leaf("times.example");
        pki.source.put(pki.issuer, leaf.serial(), CertStatus.revoked(Instant.parse("2026-11-01T01:02:03.456Z"), null));
        pki.clock.set(Instant.parse("2026-11-22T10:15:30.999Z"));

        byte[] der = pki.responder().build().respond(request(leaf)).der();

        // every GeneralizedTime in the response: tag 0x18, length 15, YYYYMMDDHHMMSSZ
        int count = 0;
        for (int i = 0; i + 1 < der.length; i++) {
            if (der[i] == 0x18
                    && (der[i + 1] == 15 || der[i + 1] == 19 || der[i + 1] == 17)
                    && i + 2 + der[i + 1] <= der.length) { // random key and signature bytes may look like a tag
                String value = new String(der, i + 2, der[i + 1], java.nio.charset.StandardCharsets.US_ASCII);
                if (value.matches("\\d{14}(\\.\\d+)?Z")) {
                    assertThat(value).matches("\\d{14}Z");
                    count++;
                }
            }
        }
        assertThat(count)
                .as("producedAt, revocationTime, thisUpdate, nextUpdate")
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void settings_refuseValidityOutsideEightHoursToTenDays() {
        assertThatThrownBy(() -> ResponderSettings.defaults().withValidity(Duration.ofHours(7)))
                .hasMessageContaining("validity must be between 8h and 10d");
        assertThatThrownBy(() -> ResponderSettings.defaults()
                        .withValidity(Duration.ofDays(10).plusSeconds(1)))
                .hasMessageContaining("validity must be between 8h and 10d");
        assertThat(ResponderSettings.defaults()
                        .withValidity(Duration.ofHours(8))
                        .validity())
                .hasHours(8);
    }

    @Test
    void responderId_isByKeyBydefaultAndByNameOnRequest() throws Exception {
        CertBundle leaf = pki.leaf("rid.example");
        pki.source.good(pki.issuer, leaf.serial());
        byte[] keyBits =
                pki.signer.holder().getSubjectPublicKeyInfo().getPublicKeyData().getBytes();

        ResponderID byKey = Parsed.of(
                        pki.responder().build().respond(request(leaf)).der())
                .data()
                .getResponderID();
        ResponderID byName = Parsed.of(pki.responder()
                        .settings(ResponderSettings.defaults().withResponderIdByName(true))
                        .build()
                        .respond(request(leaf))
                        .der())
                .data()
                .getResponderID();

        assertThat(byKey.getKeyHash()).isEqualTo(HashAlgorithm.SHA1.digest(keyBits));
        assertThat(byName.getName()).isEqualTo(pki.signer.holder().getSubject());
    }

    @Test
    void caSigningDirectly_omitsTheCertsField() {
        CertBundle leaf = pki.leaf("direct.example");
        pki.source.good(pki.issuer, leaf.serial());
        Responder responder = Responder.builder("direct", pki.source)
                .clock(pki.clock)
                .issuer(pki.issuer, TestCas.signer(pki.issuing, pki.issuer, pki.clock))
                .build();

        Parsed p = Parsed.of(responder.respond(request(leaf)).der());

        assertThat(p.certs()).isEmpty();
        assertThat(p.signedBy(pki.issuing.certificate())).isTrue();
    }

    @Test
    void signatureAlgorithm_isTheBr7132EncodingForEveryKeyType() throws Exception {
        String[][] expected = {
            {"EC_P256", "300a06082a8648ce3d040302"},
            {"EC_P384", "300a06082a8648ce3d040303"},
            {"EC_P521", "300a06082a8648ce3d040304"},
            {"RSA_2048", "300d06092a864886f70d01010b0500"},
            {"ED25519", "300506032b6570"},
        };
        for (String[] row : expected) {
            TestCas cas = new TestCas(KeyType.valueOf(row[0]));
            CertBundle leaf = cas.leaf("alg.example");
            cas.source.good(cas.issuer, leaf.serial());
            Parsed p = Parsed.of(cas.responder()
                    .build()
                    .respond(OcspRequestBuilder.create()
                            .certId(leaf, CertIdHash.SHA256)
                            .build())
                    .der());
            assertThat(HEX.formatHex(
                            p.asn1().getSignatureAlgorithm().toASN1Primitive().getEncoded(ASN1Encoding.DER)))
                    .as(row[0])
                    .isEqualTo(row[1]);
            assertThat(p.signedBy(cas.signer.certificate())).as(row[0]).isTrue();
        }
    }

    @Test
    void rekeyedCaWithTheSameName_isAnsweredByTheSignerOfTheMatchingKey() {
        Ca oldCa = pki.root.issueIntermediate("Rekeyed CA").clock(pki.clock).build();
        Ca newCa = pki.root.issueIntermediate("Rekeyed CA").clock(pki.clock).build();
        CertBundle oldSigner =
                oldCa.issueOcspSigner("old signer").clock(pki.clock).build();
        CertBundle newSigner =
                newCa.issueOcspSigner("new signer").clock(pki.clock).build();
        CertBundle oldLeaf = oldCa.issueLeaf("old.example").clock(pki.clock).build();
        CertBundle newLeaf = newCa.issueLeaf("new.example").clock(pki.clock).build();
        Issuer oldIssuer = Issuer.of("old", oldCa.holder());
        Issuer newIssuer = Issuer.of("new", newCa.holder());
        assertThat(oldIssuer.nameHash(HashAlgorithm.SHA1)).isEqualTo(newIssuer.nameHash(HashAlgorithm.SHA1));
        pki.source.good(oldIssuer, oldLeaf.serial()).good(newIssuer, newLeaf.serial());
        Responder responder = Responder.builder("rekeyed", pki.source)
                .clock(pki.clock)
                .issuer(oldIssuer, TestCas.signer(oldSigner, oldIssuer, pki.clock))
                .issuer(newIssuer, TestCas.signer(newSigner, newIssuer, pki.clock))
                .build();

        Parsed forOld = Parsed.of(responder.respond(request(oldLeaf)).der());
        Parsed forNew = Parsed.of(responder.respond(request(newLeaf)).der());

        assertThat(forOld.signedBy(oldSigner.certificate())).isTrue();
        assertThat(forNew.signedBy(newSigner.certificate())).isTrue();
        assertThat(forOld.basic().getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(forNew.basic().getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        // a request mixing both CAs cannot be signed by one key
        assertThat(responder
                        .respond(OcspRequestBuilder.create()
                                .certId(oldLeaf, CertIdHash.SHA1)
                                .certId(newLeaf, CertIdHash.SHA1)
                                .build())
                        .outcome())
                .isEqualTo(Outcome.UNAUTHORIZED);
    }

    @Test
    void statusSourceUnavailable_isTryLaterNeverGood() {
        CertBundle leaf = pki.leaf("down.example");
        StatusSource down = (issuer, serial) -> {
            throw new StatusUnavailableException("connection refused");
        };
        Responder responder = Responder.builder("down", down)
                .clock(pki.clock)
                .issuer(pki.issuer, TestCas.signer(pki.signer, pki.issuer, pki.clock))
                .build();

        OcspAnswer answer = responder.respond(request(leaf));

        assertThat(answer.der()).isEqualTo(HEX.parseHex("30030a0103"));
        assertThat(unsigned(answer).detail()).contains("connection refused");
    }

    @Test
    void statusSourceBug_isInternalError() {
        CertBundle leaf = pki.leaf("bug.example");
        StatusSource broken = (issuer, serial) -> {
            throw new IllegalStateException("inconsistent row");
        };
        Responder responder = Responder.builder("broken", broken)
                .clock(pki.clock)
                .issuer(pki.issuer, TestCas.signer(pki.signer, pki.issuer, pki.clock))
                .build();

        assertThat(responder.respond(request(leaf)).der()).isEqualTo(HEX.parseHex("30030a0102"));
    }

    @Test
    void expiredResponderCertificate_isTryLaterNotAnInvalidSignature() {
        CertBundle leaf = pki.leaf("late.example");
        pki.source.good(pki.issuer, leaf.serial());
        Responder responder = pki.responder().build();
        pki.clock.set(pki.signer.certificate().getNotAfter().toInstant().plusSeconds(1));

        assertThat(responder.respond(request(leaf)).der()).isEqualTo(ErrorStatus.TRY_LATER.der());
    }

    @Test
    void producedAtFallsInsideTheResponderCertificateValidity() {
        CertBundle leaf = pki.leaf("validity.example");
        pki.source.good(pki.issuer, leaf.serial());

        OcspAnswer answer = pki.responder().build().respond(request(leaf));

        Instant producedAt = signed(answer).producedAt();
        assertThat(producedAt)
                .isAfterOrEqualTo(
                        pki.signer.certificate().getNotBefore().toInstant().minusSeconds(1))
                .isBeforeOrEqualTo(pki.signer.certificate().getNotAfter().toInstant());
    }

    @Test
    void errorResponses_areTheFiveByteUnsignedEncodings() {
        assertThat(Arrays.stream(ErrorStatus.values()).map(s -> HEX.formatHex(s.der())))
                .containsExactly("30030a0101", "30030a0102", "30030a0103", "30030a0105", "30030a0106");
    }

    @Test
    void responseWithAnRsa3072SignerStaysUnderTenKilobytes() throws Exception {
        TestCas cas = new TestCas(KeyType.RSA_3072);
        CertBundle leaf = cas.leaf("size.example");
        cas.source.good(cas.issuer, leaf.serial());

        byte[] der = cas.responder()
                .build()
                .respond(OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA512)
                        .nonceOfLength(128)
                        .build())
                .der();

        assertThat(der.length).isLessThan(10_000);
        assertThat(Parsed.of(der).signedBy(cas.signer.certificate())).isTrue();
        assertThat(reencoded(der)).as("canonical DER").isEqualTo(der);
    }

    @Test
    void responses_areCanonicalDerForDelegatedAndDirectSigners() throws Exception {
        CertBundle leaf = pki.leaf("der.example");
        pki.source.good(pki.issuer, leaf.serial());
        byte[] delegated = pki.responder()
                .build()
                .respond(OcspRequestBuilder.create()
                        .certId(leaf, CertIdHash.SHA1)
                        .nonceOfLength(20)
                        .build())
                .der();
        byte[] direct = Responder.builder("direct", pki.source)
                .clock(pki.clock)
                .issuer(pki.issuer, TestCas.signer(pki.issuing, pki.issuer, pki.clock))
                .build()
                .respond(request(leaf))
                .der();

        assertThat(reencoded(delegated)).isEqualTo(delegated);
        assertThat(reencoded(direct)).isEqualTo(direct);
    }

    private static byte[] reencoded(byte[] der) throws Exception {
        org.bouncycastle.asn1.ocsp.OCSPResponse outer = org.bouncycastle.asn1.ocsp.OCSPResponse.getInstance(der);
        byte[] basic = outer.getResponseBytes().getResponse().getOctets();
        assertThat(org.bouncycastle.asn1.ocsp.BasicOCSPResponse.getInstance(basic)
                        .getEncoded(ASN1Encoding.DER))
                .isEqualTo(basic);
        return outer.getEncoded(ASN1Encoding.DER);
    }
}
