package corp.example.ocsp.http.cli;

/** Formatting shared by the admin commands. */
final class AdminCommands {
    private AdminCommands() {
    }

    static String describe(corp.example.ocsp.store.postgres.CertificateRecord r) {
        return r.issuer().label() + " serial " + r.serialHex() + ": " + r.status()
                + r.subject().map(s -> " subject " + s).orElse("")
                + r.notAfter().map(t -> " notAfter " + t).orElse("");
    }

    static String describe(corp.example.ocsp.store.postgres.ImportResult r) {
        return r.inserted() + " added, " + r.updated() + " updated, " + r.unchanged() + " unchanged"
                + (r.keptRevoked() > 0 ? ", " + r.keptRevoked() + " kept revoked" : "");
    }
}
