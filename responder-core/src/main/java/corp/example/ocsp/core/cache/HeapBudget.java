package corp.example.ocsp.core.cache;

/**
 * How much of the JVM's maximum heap the caches may take: the heap ({@code -Xmx}, as
 * {@link Runtime#maxMemory()} reports it) less a reserve for the rest of the process of 128 MiB plus
 * a quarter of the heap (request handling, signing, the status source's result sets, and the room
 * a garbage collector needs to work in). Each cache's responses are bounded by weight (their DER
 * bytes plus {@link ResponseCache#ENTRY_OVERHEAD}) and its statuses by count, at
 * {@link #STATUS_BYTES} each: a configuration whose bounds add up to more than the budget cannot
 * fit, and "auto" bounds share the budget out.
 *
 * @param maxHeapBytes the heap's maximum size in bytes
 */
public record HeapBudget(long maxHeapBytes) {
    /** Heap cost of one cached known status (key, serial, status, read time, map nodes), measured. */
    public static final long STATUS_BYTES = 240;
    /** The fixed part of the reserve. */
    public static final long FIXED_RESERVE_BYTES = 128L << 20;
    /** Of the auto bound, the share of the responses (the rest goes to statuses). */
    static final double RESPONSE_SHARE = 0.75;

    public HeapBudget {
        if (maxHeapBytes <= 0) {
            throw new IllegalArgumentException("the maximum heap must be positive, got " + maxHeapBytes);
        }
    }

    /** This JVM's. */
    public static HeapBudget ofThisJvm() {
        return new HeapBudget(Runtime.getRuntime().maxMemory());
    }

    /** What the rest of the process keeps: 128 MiB plus a quarter of the heap. */
    public long reserveBytes() {
        return FIXED_RESERVE_BYTES + maxHeapBytes / 4;
    }

    /** What the caches of every responder may take together; 0 when the heap is smaller than the reserve. */
    public long cacheBytes() {
        return Math.max(0, maxHeapBytes - reserveBytes());
    }

    /** What one of {@code caches} equal caches may take. */
    public long perCacheBytes(int caches) {
        if (caches < 1) {
            throw new IllegalArgumentException("at least one cache, got " + caches);
        }
        return cacheBytes() / caches;
    }

    /** The auto bound of one of {@code caches} caches' responses, in bytes: three quarters of its share. */
    public long autoResponseBytes(int caches) {
        return (long) (perCacheBytes(caches) * RESPONSE_SHARE);
    }

    /** The auto bound of one of {@code caches} caches' statuses, given its responses' bound. */
    public long autoStatuses(int caches, long responseBytes) {
        return Math.max(0, perCacheBytes(caches) - responseBytes) / STATUS_BYTES;
    }

    /** Heap taken by {@code statuses} cached statuses. */
    public static long statusBytes(long statuses) {
        return statuses * STATUS_BYTES;
    }

    /** True if {@code caches} caches each bounded by {@code responseBytes} and {@code statuses} fit. */
    public boolean fits(int caches, long responseBytes, long statuses) {
        return responseBytes + statusBytes(statuses) <= perCacheBytes(caches);
    }
}
