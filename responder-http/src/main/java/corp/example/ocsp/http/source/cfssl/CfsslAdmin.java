package corp.example.ocsp.http.source.cfssl;

import corp.example.ocsp.core.issuer.Issuer;
import corp.example.ocsp.core.status.SerialNumbers;
import corp.example.ocsp.http.source.SourceAdmin;
import corp.example.ocsp.http.source.StatusWrites;
import corp.example.ocsp.http.source.WritesRefusedException;
import corp.example.ocsp.store.cfssl.Certdb;
import corp.example.ocsp.store.cfssl.CertdbCensus;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The admin commands on a CFSSL certdb, which CFSSL keeps: reads only. Which CA is which comes from
 * the configuration (CFSSL stores no CA certificates).
 */
final class CfsslAdmin implements SourceAdmin {
    private final Certdb certdb;
    private final List<Issuer> configured;
    private final Runnable onClose;
    private CertdbCensus census;

    CfsslAdmin(Certdb certdb, List<Issuer> configured, Runnable onClose) {
        this.certdb = certdb;
        this.configured = List.copyOf(configured);
        this.onClose = onClose;
    }

    @Override
    public String where() {
        return certdb.where();
    }

    /** The configured CAs, each with how many certificates the certdb holds for it. */
    @Override
    public List<HeldIssuer> issuers() {
        CertdbCensus c = census();
        return configured.stream()
                .map(i -> new HeldIssuer(i, c.held().getOrDefault(i, 0L)))
                .toList();
    }

    @Override
    public List<String> unaccounted() {
        CertdbCensus c = census();
        List<String> out = new ArrayList<>();
        c.unknownAkis()
                .forEach((aki, n) ->
                        out.add("(no configured CA)\t" + n + " certificates\tauthority_key_identifier " + aki));
        c.unknownPemIssuer()
                .forEach((issuer, n) -> out.add("(no configured CA)\t" + n + " certificates\tissuer " + issuer
                        + " (empty authority_key_identifier)"));
        return out;
    }

    private synchronized CertdbCensus census() {
        if (census == null) {
            census = certdb.census(configured);
        }
        return census;
    }

    @Override
    public Optional<String> describe(String issuerLabel, BigInteger serial) {
        Issuer issuer = configured.stream()
                .filter(i -> i.label().equals(issuerLabel))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no configured CA is labelled '" + issuerLabel + "' (configured: " + labels() + ")"));
        return certdb.row(issuer, serial)
                .map(row -> issuerLabel + " serial " + SerialNumbers.hex(serial) + " (decimal " + serial + "): "
                        + certdb.lookup(issuer, serial) + "; " + row.describe());
    }

    private String labels() {
        return configured.stream().map(Issuer::label).collect(Collectors.joining(", "));
    }

    /** Always refused: CFSSL is the record of its certdb. */
    @Override
    public StatusWrites writes() {
        throw new WritesRefusedException("CFSSL is the record of certdb " + certdb.where()
                + ": revoke with 'cfssl revoke -db-config FILE -serial DECIMAL -aki HEX -reason REASON',"
                + " issue with 'cfssl sign' or 'cfssl gencert -db-config FILE'");
    }

    @Override
    public void close() {
        onClose.run();
    }
}
