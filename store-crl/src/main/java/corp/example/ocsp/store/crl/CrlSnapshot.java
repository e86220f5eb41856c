package corp.example.ocsp.store.crl;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.CertStatus;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One CRL read once, checked as the CRL source checks it (issuer, signature), for tools that
 * compare it with something else ({@code check-crl}). Immutable.
 */
public final class CrlSnapshot {
    private final ParsedCrl crl;

    private CrlSnapshot(ParsedCrl crl) {
        this.crl = crl;
    }

    /**
     * The content of {@code location} (a file, or an http(s) URL fetched within {@code timeout}).
     *
     * @throws CrlException naming it when it cannot be read
     */
    public static byte[] fetch(String location, Duration timeout) {
        return CrlFetch.of(location, timeout).ifChanged().orElseThrow();
    }

    /** Whether the CRL in {@code content} names {@code ca} (or the certificate in {@code crlIssuer}) as its issuer. */
    public static boolean issuedFor(byte[] content, String where, Issuer ca, Optional<Path> crlIssuer) {
        byte[] issuer = CrlParser.parse(content, where, ca.subjectDer()).issuer();
        return Arrays.equals(issuer, CrlTrust.of(ca, crlIssuer).subject());
    }

    /**
     * The CRL in {@code content} with its entries for {@code ca}, once its issuer and signature are
     * checked against {@code ca} (or the indirect CRL issuer {@code crlIssuer}).
     *
     * @throws CrlException naming {@code where} and what is wrong
     */
    public static CrlSnapshot read(byte[] content, String where, Issuer ca, Optional<Path> crlIssuer) {
        return new CrlSnapshot(CrlTrust.of(ca, crlIssuer).verified(CrlParser.parse(content, where, ca.subjectDer())));
    }

    public String where() {
        return crl.where();
    }

    public Optional<BigInteger> number() {
        return crl.number();
    }

    public boolean isDelta() {
        return crl.isDelta();
    }

    public Instant thisUpdate() {
        return crl.thisUpdate();
    }

    public Optional<Instant> nextUpdate() {
        return crl.nextUpdate();
    }

    /** How many entries it has for the CA. */
    public int size() {
        return crl.entries().size();
    }

    /** The entry of {@code serial}, if it is on the CRL. */
    public Optional<CertStatus.Revoked> entry(BigInteger serial) {
        return Optional.ofNullable(crl.entries().lookup(serial));
    }

    /** Every entry, in the index's order. */
    public void forEach(BiConsumer<BigInteger, CertStatus.Revoked> action) {
        CrlIndex e = crl.entries();
        for (int i = 0; i < e.size(); i++) {
            action.accept(e.serial(i), e.status(i));
        }
    }

    /** One line: {@code "full CRL number 7 of ..., 3 entries, next update ..."}. */
    public String describe() {
        return crl.describe();
    }
}
