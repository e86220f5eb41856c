package corp.example.ocsp.store.cfssl;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as the certdb's drivers leave them in text: PostgreSQL's {@code 2026-12-01 22:40:15.123+00},
 * SQLite's {@code CURRENT_TIMESTAMP} ({@code 2026-12-01 22:40:15}, UTC) and Go's {@code 2026-12-01
 * 22:40:15.123456789+00:00}, with a {@code T} or a space, seconds offsets (PostgreSQL's LMT for year
 * 1) and bare epoch seconds.
 */
final class TimeText {
    private static final Pattern TIME = Pattern.compile("(-?\\d{4,})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})"
            + "(?:\\.(\\d{1,9}))?\\s*(Z|UTC|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)?");
    /** At or before this, a revoked_at is the zero time of some driver (0001-01-01, 1970, 0000-00-00). */
    static final Instant ZERO_BOUND = Instant.EPOCH;

    private TimeText() {}

    /** The instant {@code text} names, or empty if it names none (NULL, {@code 0000-00-00}, garbage). */
    static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.matches("\\d{1,12}")) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(t)));
        }
        Matcher m = TIME.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            String frac = m.group(7) == null ? "0" : (m.group(7) + "00000000").substring(0, 9);
            LocalDateTime local = LocalDateTime.of(
                    Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)),
                    Integer.parseInt(frac));
            return Optional.of(local.toInstant(offset(m.group(8))));
        } catch (RuntimeException e) { // month 00, day 00: MySQL's zero date
            return Optional.empty();
        }
    }

    private static ZoneOffset offset(String text) {
        if (text == null || text.equals("Z") || text.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        String digits = text.substring(1).replace(":", "");
        int h = Integer.parseInt(digits.substring(0, 2));
        int min = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
        int s = digits.length() >= 6 ? Integer.parseInt(digits.substring(4, 6)) : 0;
        int sign = text.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutesSeconds(sign * h, sign * min, sign * s);
    }

    /** True for a revocation time that is no time: missing, unreadable or a driver's zero. */
    static boolean isZero(Optional<Instant> t) {
        return t.isEmpty() || !t.get().isAfter(ZERO_BOUND);
    }
}
