package corp.example.ocsp.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The share of the heap the caches may take, as the start-up check and the auto bounds use it. */
class HeapBudgetTest {
    private static final long MIB = 1L << 20;

    @Test
    void theCachesGetTheHeapLess128MiBAndAQuarter() {
        assertThat(new HeapBudget(512 * MIB).cacheBytes()).isEqualTo(256 * MIB);
        assertThat(new HeapBudget(1024 * MIB).cacheBytes()).isEqualTo(640 * MIB);
        assertThat(new HeapBudget(4096 * MIB).cacheBytes()).isEqualTo(2944 * MIB);
        assertThat(new HeapBudget(100 * MIB).cacheBytes())
                .as("a heap under the reserve")
                .isZero();
    }

    @Test
    void auto_givesThreeQuartersToResponsesAndTheRestToStatuses_perResponder() {
        HeapBudget heap = new HeapBudget(1024 * MIB);
        assertThat(heap.autoResponseBytes(1)).isEqualTo(480 * MIB);
        assertThat(heap.autoStatuses(1, 480 * MIB)).isEqualTo(160 * MIB / HeapBudget.STATUS_BYTES);
        assertThat(heap.autoResponseBytes(2)).isEqualTo(240 * MIB);
        assertThat(heap.fits(2, 240 * MIB, heap.autoStatuses(2, 240 * MIB))).isTrue();
        assertThat(heap.fits(1, 1024 * MIB, 0))
                .as("today's old default in a 1 GiB heap")
                .isFalse();
    }
}
