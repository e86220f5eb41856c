package corp.example.ocsp.http.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.cache.HeapBudget;
import corp.example.ocsp.http.source.SourceKinds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cache.maxMegabytes and cache.maxStatuses against the heap: refused when they cannot fit, auto by default. */
class CacheSizingTest {
    private static final long MIB = 1L << 20;
    private static final Path SHIPPED = Path.of("..", "config", "responder.yaml");

    @TempDir
    Path dir;

    private Path file(String cache, int responders) throws IOException {
        StringBuilder yaml = new StringBuilder(
                "database:\n  url: jdbc:postgresql://db/ocsp\ncache:\n" + cache + "  enabled: true\nresponders:\n");
        for (int i = 0; i < responders; i++) {
            yaml.append("  - name: r")
                    .append(i)
                    .append("\n    listen: 127.0.0.1:")
                    .append(9000 + i)
                    .append("\n    issuers:\n      - label: ca")
                    .append(i)
                    .append("\n        certificate: ca.pem\n        signer:\n          certificate: s.pem\n")
                    .append("          key: s.key\n");
        }
        return ConfigTexts.write(dir, yaml.toString()); // ConfigTexts.MINIMAL has one responder: here N
    }

    private static CacheSettings load(Path file, long heapMiB) throws ConfigException {
        return ConfigFile.load(file, Map.of(), SourceKinds.known(), new HeapBudget(heapMiB * MIB))
                .cache()
                .settings();
    }

    @Test
    void aBoundTheHeapCannotHold_isRefusedNamingTheSettingAndTheHeap() throws Exception {
        Path file = file("  maxMegabytes: 1024\n", 1);
        assertThatThrownBy(() -> load(file, 512))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": cache.maxMegabytes: 1024 does not fit in a maximum heap of 512 MiB (-Xmx); at"
                        + " most 256 fits: lower cache.maxMegabytes or raise -Xmx");
        assertThat(load(file, 1664).maxBytes()).as("fits in a heap of 1664 MiB").isEqualTo(1024 * MIB);
    }

    @Test
    void everyResponderHasACacheOfThatBound_soTheyShareTheHeap() throws Exception {
        Path file = file("  maxMegabytes: 200\n", 2);
        assertThatThrownBy(() -> load(file, 512))
                .hasMessage(file + ": cache.maxMegabytes: 200, for each of the 2 responders does not fit in a maximum"
                        + " heap of 512 MiB (-Xmx); at most 128 fits: lower cache.maxMegabytes or raise -Xmx");
    }

    @Test
    void givenStatusesCountToo() throws Exception {
        Path both = file("  maxMegabytes: 100\n  maxStatuses: 1000000\n", 1);
        assertThatThrownBy(() -> load(both, 512))
                .hasMessage(both + ": cache.maxMegabytes: 100 with cache.maxStatuses 1000000 (about 228 MiB) does not"
                        + " fit in a maximum heap of 512 MiB (-Xmx); at most 27 fits: lower cache.maxMegabytes or"
                        + " cache.maxStatuses or raise -Xmx");
        Path statuses = file("  maxStatuses: 4000000\n", 1);
        assertThatThrownBy(() -> load(statuses, 512))
                .hasMessage(statuses + ": cache.maxStatuses: 4000000 (about 915 MiB, with at least 1 MiB for"
                        + " responses) does not fit in a maximum heap of 512 MiB (-Xmx); at most 1114112 fits: lower"
                        + " cache.maxStatuses or raise -Xmx");
        CacheSettings fitting = load(statuses, 2048);
        assertThat(fitting.maxStatuses()).isEqualTo(4_000_000);
        assertThat(fitting.maxBytes()).as("auto: what the statuses leave").isEqualTo((1408 - 915 - 1) * MIB);
    }

    @Test
    void theShippedFile_needsNoSettingInAHeapOf1GiB_andItsAutoBoundsFit() throws Exception {
        HeapBudget heap = new HeapBudget(1024 * MIB);
        CacheSettings c = ConfigFile.load(
                        SHIPPED,
                        Map.of("OCSP_DB_PASSWORD", "x", "OCSP_ROOT_SIGNER_PASSWORD", "y"),
                        SourceKinds.known(),
                        heap)
                .cache()
                .settings();
        // its two responders share 640 MiB: 240 MiB of responses and 80 MiB of statuses each
        assertThat(c.maxBytes()).isEqualTo(240 * MIB);
        assertThat(c.maxStatuses()).isEqualTo(80 * MIB / HeapBudget.STATUS_BYTES);
        assertThat(heap.fits(2, c.maxBytes(), c.maxStatuses())).isTrue();
    }

    @Test
    void auto_splitsTheHeapBetweenResponders() throws Exception {
        CacheSettings one = load(file("", 1), 1024);
        CacheSettings two = load(file("", 2), 1024);
        assertThat(two.maxBytes()).isEqualTo(one.maxBytes() / 2);
        assertThat(two.maxStatuses()).isBetween(one.maxStatuses() / 2 - 1, one.maxStatuses() / 2);
    }

    @Test
    void aHeapTooSmallForAnyCache_isRefusedWithAuto_butServesWithTheCacheOff() throws Exception {
        Path file = file("", 1);
        assertThatThrownBy(() -> load(file, 160))
                .hasMessage(file + ": cache.maxMegabytes: auto leaves less than 1 MiB for the cached responses in a"
                        + " maximum heap of 160 MiB (-Xmx; 128 MiB and a quarter of it are kept for the rest of the"
                        + " process): raise -Xmx or set cache.enabled: false");
        Path off = dir.resolve("off.yaml");
        Files.writeString(off, Files.readString(file).replace("enabled: true", "enabled: false"));
        assertThat(load(off, 160).enabled()).isFalse();
    }

    @Test
    void aBoundThatIsNeitherAutoNorANumber_isNamed() throws Exception {
        Path file = file("  maxMegabytes: lots\n", 1);
        assertThatThrownBy(() -> load(file, 1024))
                .hasMessage(file + ": cache.maxMegabytes: 'lots' is neither auto nor a whole number");
    }
}
