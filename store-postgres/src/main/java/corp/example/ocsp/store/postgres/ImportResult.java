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
}
