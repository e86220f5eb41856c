package corp.example.ocsp.store.openssl;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.store.openssl.indextxt.IndexEntry;
import corp.example.ocsp.store.openssl.indextxt.IndexTxt;
import corp.example.ocsp.store.openssl.indextxt.IndexTxtException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One whole, parsed {@code index.txt}: the entries by serial. Immutable. */
final class IndexState {
    static final IndexState EMPTY = new IndexState(Map.of());

    private final Map<BigInteger, IndexEntry> bySerial;

    private IndexState(Map<BigInteger, IndexEntry> bySerial) {
        this.bySerial = bySerial;
    }

    /**
     * The state {@code content} describes, parsed with the {@link IndexTxt} rules; {@code source}
     * names it in messages.
     *
     * @throws IndexTxtException naming the line that is
     *     wrong, or the last line when the content ends inside it (a write in progress or cut short)
     */
    static IndexState parse(byte[] content, String source) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            long line = text.chars().filter(c -> c == '\n').count() + 1;
            throw new IndexTxtException(source + " line " + line
                    + ": the file ends inside this line (cut short, or still being written): openssl ca ends"
                    + " every line with a newline");
        }
        Map<BigInteger, IndexEntry> m = new HashMap<>();
        IndexTxt.forEach(new StringReader(text), source, e -> m.put(e.serial(), e));
        return new IndexState(Map.copyOf(m));
    }

    /** The entry of {@code serial}, or null. */
    IndexEntry entry(BigInteger serial) {
        return bySerial.get(serial);
    }

    Iterable<IndexEntry> entries() {
        return bySerial.values();
    }

    int size() {
        return bySerial.size();
    }

    /** Whether some serial of this state is not in {@code next}. */
    boolean losesEntriesTo(IndexState next) {
        for (BigInteger serial : bySerial.keySet()) {
            if (!next.bySerial.containsKey(serial)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The serials whose answer differs between this state and {@code next}: added, removed, or with
     * another status (revoked, released from hold, a new time, reason or invalidity date), each with
     * its status in {@code next} ({@link CertStatus#notKnown()} when removed).
     */
    List<Map.Entry<BigInteger, CertStatus>> changesTo(IndexState next) {
        List<Map.Entry<BigInteger, CertStatus>> out = new ArrayList<>();
        for (IndexEntry e : next.bySerial.values()) {
            IndexEntry before = bySerial.get(e.serial());
            if (before == null
                    || !before.status().equals(e.status())
                    || !Objects.equals(before.expires(), e.expires())) {
                out.add(Map.entry(e.serial(), e.status()));
            }
        }
        for (BigInteger serial : bySerial.keySet()) {
            if (!next.bySerial.containsKey(serial)) {
                out.add(Map.entry(serial, CertStatus.notKnown()));
            }
        }
        return out;
    }
}
