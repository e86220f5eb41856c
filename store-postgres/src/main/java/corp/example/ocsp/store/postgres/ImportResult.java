package corp.example.ocsp.store.postgres;

/**
 * What a write of many certificates did.
 *
 * @param inserted certificates new to the store
 * @param updated certificates whose status or details changed
 * @param unchanged certificates already recorded as given
 * @param keptRevoked certificates the input calls valid that the store holds revoked (for a reason
 *     other than certificateHold): the revocation is kept, since revocation is permanent
 */
public record ImportResult(int inserted, int updated, int unchanged, int keptRevoked) {

    public int total() {
        return inserted + updated + unchanged + keptRevoked;
    }

    /** {@code 3 added, 1 updated, 0 unchanged} (and {@code , 1 kept revoked} when there are such). */
    @Override
    public String toString() {
        return inserted + " added, " + updated + " updated, " + unchanged + " unchanged"
                + (keptRevoked > 0 ? ", " + keptRevoked + " kept revoked" : "");
    }
}
