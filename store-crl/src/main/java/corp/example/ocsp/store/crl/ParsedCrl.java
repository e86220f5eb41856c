package corp.example.ocsp.store.crl;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * One CRL as read: what it says of itself, its entries for the CA (indexed), and the parts its
 * signature is checked on ({@code der} is dropped once it verified: {@link #verified()}).
 *
 * @param where its file or URL, for messages
 * @param issuer the DER of its issuer name
 * @param thisUpdate when it was issued
 * @param nextUpdate when the next one is due; past it, it is not used
 * @param number its cRLNumber, if it has one
 * @param deltaBase for a delta CRL, the cRLNumber of the full CRL it applies to (deltaCRLIndicator)
 * @param entries its entries for the CA (an indirect CRL's entries of other CAs are left out)
 * @param signed where the signature is checked (null once verified)
 */
record ParsedCrl(
        String where,
        byte[] issuer,
        Instant thisUpdate,
        Optional<Instant> nextUpdate,
        Optional<BigInteger> number,
        Optional<BigInteger> deltaBase,
        CrlIndex entries,
        Signed signed) {

    boolean isDelta() {
        return deltaBase.isPresent();
    }

    /** The same CRL without the bytes its signature was checked on. */
    ParsedCrl verified() {
        return new ParsedCrl(where, issuer, thisUpdate, nextUpdate, number, deltaBase, entries, null);
    }

    /** One line: {@code "full CRL number 7 of 2026-...: 3 entries, next update ..."}. */
    String describe() {
        return (isDelta() ? "delta CRL (base " + deltaBase.get() + ")" : "full CRL")
                + number.map(n -> " number " + n).orElse(" without a CRL number")
                + " of " + thisUpdate + ", " + entries.size() + " entries, next update "
                + nextUpdate.map(Instant::toString).orElse("none");
    }

    /**
     * The signed parts: {@code der[tbsFrom, tbsTo)} is the TBSCertList, {@code algorithm} the DER
     * of the AlgorithmIdentifier and {@code signature} the signature value.
     */
    record Signed(byte[] der, int tbsFrom, int tbsTo, byte[] algorithm, byte[] signature) {}
}
