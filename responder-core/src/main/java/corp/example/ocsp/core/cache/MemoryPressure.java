package corp.example.ocsp.core.cache;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Whether the heap is too full for the caches to grow: then the cache keeps what it has, adds
 * nothing (answers that would have been cached are signed live), and the precompute stops signing
 * ahead. A second line of defence behind the bounds checked at start ({@link HeapBudget}).
 */
public interface MemoryPressure {
    /** The default limit: the tenured heap holds more than nine tenths of the maximum heap. */
    double DEFAULT_LIMIT = 0.9;

    /** Never high (for tests and benchmarks that size their own heap). */
    MemoryPressure NONE = () -> false;

    /** True when the caches must not grow now; cheap enough for every write. */
    boolean high();

    /** This JVM's heap, high past {@link #DEFAULT_LIMIT}. */
    static MemoryPressure ofThisJvm() {
        return heapAbove(DEFAULT_LIMIT);
    }

    /**
     * High when the tenured heap pools (those that take a usage threshold: G1 Old Gen, Tenured Gen,
     * PS Old Gen, ZHeap ... not eden or survivor, which hold mostly garbage between collections) use
     * more than {@code fraction} of the maximum heap; read at most every 100 ms.
     */
    static MemoryPressure heapAbove(double fraction) {
        List<MemoryPoolMXBean> tenured = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported())
                .toList();
        return new TenuredHeap(tenured, (long) (Runtime.getRuntime().maxMemory() * fraction));
    }
}
