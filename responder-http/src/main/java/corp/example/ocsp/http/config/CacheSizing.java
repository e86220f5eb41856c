package corp.example.ocsp.http.config;

import corp.example.ocsp.core.cache.HeapBudget;
import java.util.OptionalInt;

/**
 * The bounds of every responder's cache ({@code cache.maxMegabytes}, {@code cache.maxStatuses}),
 * each a number or {@code auto}, checked against the heap: bounds that cannot fit in
 * {@link HeapBudget#cacheBytes()} (shared by the responders, each having a cache of its own) are
 * refused in one line naming the setting and the heap; auto takes three quarters of a responder's
 * share for responses and what is left for statuses (or all that the other, given, bound leaves).
 */
final class CacheSizing {
    private static final long MIB = 1L << 20;

    /** The bounds of each responder's cache. */
    record Bounds(long maxBytes, long maxStatuses) {}

    private final Section section;
    private final HeapBudget heap;
    private final int responders;

    CacheSizing(Section section, HeapBudget heap, int responders) {
        this.section = section;
        this.heap = heap;
        this.responders = responders;
    }

    /** The bounds for {@code megabytes} and {@code statuses} (empty: auto), or why they cannot fit. */
    Bounds bounds(OptionalInt megabytes, OptionalInt statuses) throws ConfigException {
        long share = heap.perCacheBytes(responders);
        if (megabytes.isPresent()) {
            long bytes = megabytes.getAsInt() * MIB;
            long statusBytes = statuses.isPresent() ? HeapBudget.statusBytes(statuses.getAsInt()) : 0;
            if (bytes + statusBytes > share) {
                String with = statuses.isPresent()
                        ? " with " + section.name("maxStatuses") + " " + statuses.getAsInt() + " (about "
                                + statusBytes / MIB + " MiB)"
                        : "";
                throw refused(
                        "maxMegabytes",
                        megabytes.getAsInt() + with,
                        Math.max(0, (share - statusBytes) / MIB),
                        statuses.isPresent()
                                ? "lower cache.maxMegabytes or cache.maxStatuses"
                                : "lower cache.maxMegabytes");
            }
            return new Bounds(bytes, statuses.isPresent() ? statuses.getAsInt() : heap.autoStatuses(responders, bytes));
        }
        if (statuses.isPresent()) {
            long bytes = share - HeapBudget.statusBytes(statuses.getAsInt());
            if (bytes < MIB) {
                throw refused(
                        "maxStatuses",
                        statuses.getAsInt() + " (about " + HeapBudget.statusBytes(statuses.getAsInt()) / MIB
                                + " MiB, with at least 1 MiB for responses)",
                        Math.max(0, (share - MIB) / HeapBudget.STATUS_BYTES),
                        "lower cache.maxStatuses");
            }
            return new Bounds(bytes / MIB * MIB, statuses.getAsInt());
        }
        long bytes = heap.autoResponseBytes(responders) / MIB * MIB;
        if (bytes < MIB) {
            throw section.error(
                    section.name("maxMegabytes"),
                    "auto leaves less than 1 MiB for " + (responders == 1 ? "the" : "each responder's")
                            + " cached responses in a maximum heap of " + heap.maxHeapBytes() / MIB
                            + " MiB (-Xmx; 128 MiB and a quarter of it are kept for the rest of the process): raise"
                            + " -Xmx or set cache.enabled: false");
        }
        return new Bounds(bytes, heap.autoStatuses(responders, bytes));
    }

    private ConfigException refused(String setting, String value, long atMost, String lower) {
        return section.error(
                section.name(setting),
                value + each() + " does not fit in a maximum heap of " + heap.maxHeapBytes() / MIB
                        + " MiB (-Xmx); at most " + atMost + " fits: " + lower + " or raise -Xmx");
    }

    private String each() {
        return responders == 1 ? "" : ", for each of the " + responders + " responders";
    }
}
