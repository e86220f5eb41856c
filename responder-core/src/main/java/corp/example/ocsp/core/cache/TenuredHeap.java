package corp.example.ocsp.core.cache;

import java.lang.management.MemoryPoolMXBean;
import java.util.List;

/** {@link MemoryPressure} of this JVM's tenured heap pools against a limit, read at most every 100 ms. */
final class TenuredHeap implements MemoryPressure {
    private static final long PERIOD_NANOS = 100_000_000L;

    private final List<MemoryPoolMXBean> pools;
    private final long limitBytes;
    private volatile long readAt = System.nanoTime() - PERIOD_NANOS;
    private volatile boolean high;

    TenuredHeap(List<MemoryPoolMXBean> pools, long limitBytes) {
        this.pools = pools;
        this.limitBytes = limitBytes;
    }

    @Override
    public boolean high() {
        long now = System.nanoTime();
        if (now - readAt >= PERIOD_NANOS) {
            readAt = now;
            high = used() > limitBytes;
        }
        return high;
    }

    private long used() {
        if (pools.isEmpty()) { // no pool tells its tenured part: the whole heap
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }
        long used = 0;
        for (MemoryPoolMXBean p : pools) {
            used += p.getUsage().getUsed();
        }
        return used;
    }

    @Override
    public String toString() {
        return "tenured heap above " + (limitBytes >> 20) + " MiB";
    }
}
