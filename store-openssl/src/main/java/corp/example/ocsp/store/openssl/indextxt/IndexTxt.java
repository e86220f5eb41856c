package corp.example.ocsp.store.openssl.indextxt;

import corp.example.ocsp.core.status.CertStatus;
import corp.example.ocsp.core.status.RevocationReason;
import corp.example.ocsp.core.status.SerialNumbers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Parses OpenSSL's {@code index.txt}: six tab-separated fields per line, as {@code openssl ca}
 * writes them.
 *
 * <pre>
 * V  261231235959Z                     1000  unknown  /CN=a
 * R  261231235959Z  250102030405Z,keyCompromise   1001  unknown  /CN=b
 * </pre>
 *
 * <p>The revocation field is {@code time[,reason]}, with OpenSSL's reason names (unspecified,
 * keyCompromise, CACompromise, affiliationChanged, superseded, cessationOfOperation,
 * certificateHold, removeFromCRL) and its three two-part forms: {@code holdInstruction,OID}
 * (certificateHold; the instruction is not kept), {@code keyTime,TIME} and {@code CAkeyTime,TIME}
 * (keyCompromise or cACompromise, with TIME as the invalidity date). Times are UTCTime
 * ({@code YYMMDDHHMMSSZ}) or GeneralizedTime ({@code YYYYMMDDHHMMSSZ}). Blank lines are skipped;
 * anything else that does not fit is an error naming the file and line.
 */
public final class IndexTxt {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("uuMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'");

    private IndexTxt() {}

    /** Every entry of {@code file}. */
    public static List<IndexEntry> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        } catch (IOException e) {
            throw new IndexTxtException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every entry read from {@code reader}; {@code source} names it in messages.
     *
     * @throws IndexTxtException {@code "<source> line <n>: <what is wrong>"} for the first bad line,
     *     including a serial that appears twice
     */
    public static List<IndexEntry> parse(Reader reader, String source) {
        List<IndexEntry> entries = new ArrayList<>();
        forEach(reader, source, entries::add);
        return entries;
    }

    /**
     * Hands each entry read from {@code reader} to {@code action} as it is parsed, in file order,
     * without keeping them (for files too large to hold); {@code source} names it in messages. The
     * entries before a bad line have been handed over when it throws.
     *
     * @throws IndexTxtException {@code "<source> line <n>: <what is wrong>"} for the first bad line,
     *     including a serial that appears twice ({@code "... serial 1A is already on line 3"})
     */
    public static void forEach(Reader reader, String source, Consumer<IndexEntry> action) {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        Map<BigInteger, Integer> lineOfSerial = new HashMap<>();
        int n = 0;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                IndexEntry e = parseLine(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, n, source);
                Integer first = lineOfSerial.putIfAbsent(e.serial(), n);
                if (first != null) {
                    throw new IndexTxtException(source + " line " + n + ": serial " + SerialNumbers.hex(e.serial())
                            + " is already on line " + first);
                }
                action.accept(e);
            }
        } catch (IOException e) {
            throw new IndexTxtException("cannot read " + source + " at line " + (n + 1) + ": " + e.getMessage(), e);
        }
    }

    static IndexEntry parseLine(String line, int n, String source) {
        String where = source + " line " + n + ": ";
        String[] f = line.split("\t", -1);
        if (f.length != 6) {
            throw new IndexTxtException(where + "expected 6 tab-separated fields (state, expiry, revocation, serial,"
                    + " file, subject), found " + f.length);
        }
        if (f[0].length() != 1 || "VRE".indexOf(f[0].charAt(0)) < 0) {
            throw new IndexTxtException(where + "state '" + f[0] + "' is not V (valid), R (revoked) or E (expired)");
        }
        char state = f[0].charAt(0);
        Instant expires = time(f[1], where + "expiry");
        CertStatus status;
        if (state == 'R') {
            if (f[2].isEmpty()) {
                throw new IndexTxtException(where + "state R needs a revocation time in field 3");
            }
            status = revocation(f[2], where);
        } else {
            if (!f[2].isEmpty()) {
                throw new IndexTxtException(
                        where + "state " + state + " must have an empty revocation field, found '" + f[2] + "'");
            }
            status = CertStatus.good();
        }
        BigInteger serial;
        try {
            serial = SerialNumbers.parseHex(f[3]);
        } catch (IllegalArgumentException e) {
            throw new IndexTxtException(where + e.getMessage());
        }
        return new IndexEntry(n, state, expires, status, serial, f[4], f[5]);
    }

    private static CertStatus revocation(String field, String where) {
        String[] p = field.split(",", -1);
        Instant at = time(p[0], where + "revocation time");
        if (p.length == 1) {
            return new CertStatus.Revoked(at, Optional.empty(), Optional.empty());
        }
        String name = p[1];
        if (p.length == 3 && name.equals("holdInstruction")) {
            if (p[2].isEmpty()) {
                throw new IndexTxtException(where + "holdInstruction needs an instruction after the comma");
            }
            return new CertStatus.Revoked(at, Optional.of(RevocationReason.CERTIFICATE_HOLD), Optional.empty());
        }
        if (p.length == 3 && (name.equals("keyTime") || name.equals("CAkeyTime"))) {
            Instant invalidity = time(p[2], where + name);
            RevocationReason r =
                    name.equals("keyTime") ? RevocationReason.KEY_COMPROMISE : RevocationReason.CA_COMPROMISE;
            return new CertStatus.Revoked(at, Optional.of(r), Optional.of(invalidity));
        }
        if (p.length == 2) {
            for (RevocationReason r : RevocationReason.values()) {
                if (r.label().equalsIgnoreCase(name)) {
                    return new CertStatus.Revoked(at, Optional.of(r), Optional.empty());
                }
            }
        }
        throw new IndexTxtException(where + "revocation field '" + field + "' is not time[,reason]; reasons: "
                + RevocationReason.names() + ", or holdInstruction,OID, keyTime,TIME, CAkeyTime,TIME");
    }

    /** UTCTime (years 1950–2049) or GeneralizedTime, in UTC. */
    static Instant time(String text, String what) {
        try {
            if (text.length() == 13) {
                LocalDateTime t = LocalDateTime.parse(text, UTC_TIME);
                if (t.getYear() >= 2050) {
                    t = t.minusYears(100);
                }
                return t.toInstant(ZoneOffset.UTC);
            }
            if (text.length() == 15) {
                return LocalDateTime.parse(text, GENERALIZED_TIME).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            // fall through to the message below
        }
        throw new IndexTxtException(what + " '" + text + "' is not a time YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ");
    }
}
