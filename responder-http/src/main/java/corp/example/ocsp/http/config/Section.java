package corp.example.ocsp.http.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of the YAML tree with its dotted path ({@code responders[0].signer}), read setting by
 * setting. Every read records the key; {@link #done()} refuses keys nobody read, so a typo is an
 * error naming the setting instead of a silently ignored line. Public for the status sources'
 * configuration bindings ({@code corp.example.ocsp.http.source}), which read their own section.
 */
public final class Section {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final String file;
    private final String path;
    private final JsonNode node;
    private final Path baseDir;
    private final Set<String> read = new HashSet<>();

    Section(String file, String path, JsonNode node, Path baseDir) throws ConfigException {
        this.file = file;
        this.path = path;
        this.node = node;
        this.baseDir = baseDir;
        if (node != null && !node.isMissingNode() && !node.isNull() && !node.isObject()) {
            throw error(path.isEmpty() ? "the file" : path, "must be a mapping of settings");
        }
    }

    public ConfigException error(String setting, String problem) {
        return new ConfigException(file + ": " + setting + ": " + problem);
    }

    public String name(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private Optional<JsonNode> value(String key) {
        read.add(key);
        JsonNode v = node == null ? null : node.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    public boolean has(String key) {
        return node != null && node.hasNonNull(key);
    }

    public Optional<String> optionalString(String key) throws ConfigException {
        Optional<JsonNode> v = value(key);
        if (v.isPresent() && !v.get().isValueNode()) {
            throw error(name(key), "must be a single value");
        }
        return v.map(JsonNode::asText);
    }

    public String string(String key, String defaultValue) throws ConfigException {
        return optionalString(key).orElse(defaultValue);
    }

    public String requiredString(String key) throws ConfigException {
        Optional<String> v = optionalString(key);
        if (v.isEmpty() || v.get().isBlank()) {
            throw error(name(key), "is required");
        }
        return v.get();
    }

    public int integer(String key, int defaultValue, int min, int max) throws ConfigException {
        Optional<JsonNode> v = value(key);
        return v.isEmpty() ? defaultValue : whole(key, v.get(), min, max, "is not a whole number");
    }

    /** A whole number in {@code min..max}, or empty when absent or {@code auto}. */
    public OptionalInt integerOrAuto(String key, int min, int max) throws ConfigException {
        Optional<JsonNode> v = value(key);
        return v.isEmpty() || v.get().asText().equals("auto")
                ? OptionalInt.empty()
                : OptionalInt.of(whole(key, v.get(), min, max, "is neither auto nor a whole number"));
    }

    private int whole(String key, JsonNode v, int min, int max, String notANumber) throws ConfigException {
        if (!v.canConvertToInt() || !(v.isIntegralNumber() || v.asText().matches("-?\\d+"))) {
            throw error(name(key), "'" + v.asText() + "' " + notANumber);
        }
        int n = v.asInt();
        if (n < min || n > max) {
            throw error(name(key), n + " is outside " + min + ".." + max);
        }
        return n;
    }

    public double decimal(String key, double defaultValue, double minExclusive, double maxExclusive)
            throws ConfigException {
        Optional<JsonNode> v = value(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        double d;
        try {
            d = Double.parseDouble(v.get().asText());
        } catch (NumberFormatException e) {
            throw error(name(key), "'" + v.get().asText() + "' is not a number");
        }
        if (!(d > minExclusive && d < maxExclusive)) {
            throw error(
                    name(key),
                    v.get().asText() + " must be greater than " + minExclusive + " and less than " + maxExclusive);
        }
        return d;
    }

    /** A list of words, written as a YAML list or as one comma-separated string. */
    public List<String> words(String key, List<String> defaultValue) throws ConfigException {
        Optional<JsonNode> v = value(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        List<String> out = new ArrayList<>();
        if (v.get().isArray()) {
            for (JsonNode item : v.get()) {
                out.add(item.asText().trim());
            }
        } else {
            for (String part : v.get().asText().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    public boolean bool(String key, boolean defaultValue) throws ConfigException {
        Optional<JsonNode> v = value(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String t = v.get().asText().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw error(name(key), "'" + v.get().asText() + "' is not true or false");
    }

    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) throws ConfigException {
        Optional<String> v = optionalString(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        Duration d = parseDuration(v.get())
                .orElseThrow(() -> error(
                        name(key), "'" + v.get() + "' is not a duration (write e.g. 500ms, 10s, 5m, 8h, 4d or 1h30m)"));
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw error(name(key), v.get() + " is outside " + human(min) + ".." + human(max));
        }
        return d;
    }

    /** A duration as the configuration writes it ({@code 90s}, {@code 4h}, {@code 1d12h}, {@code PT4H}); empty if it is not one. */
    public static Optional<Duration> parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(text.trim()));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        Matcher m = DURATION.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return Optional.empty();
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
            end = m.end();
        }
        return end == t.length() && end > 0 ? Optional.of(total) : Optional.empty();
    }

    /** {@code 4d}, {@code 8h}, {@code 90s}, {@code 250ms}: as the configuration writes it. */
    public static String human(Duration d) {
        if (d.isZero()) {
            return "0s";
        } else if (d.toMillis() % 86_400_000 == 0) {
            return d.toDays() + "d";
        } else if (d.toMillis() % 3_600_000 == 0) {
            return d.toHours() + "h";
        } else if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        } else if (d.toMillis() % 1000 == 0) {
            return d.getSeconds() + "s";
        }
        return d.toMillis() + "ms";
    }

    public <E extends Enum<E>> E choice(String key, E defaultValue, Function<String, Optional<E>> parse, String allowed)
            throws ConfigException {
        Optional<String> v = optionalString(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        return parse.apply(v.get().trim())
                .orElseThrow(() -> error(name(key), "'" + v.get() + "' is not one of " + allowed));
    }

    /** A path setting, resolved against the configuration file's directory. */
    public Optional<Path> optionalPath(String key) throws ConfigException {
        return optionalString(key).map(p -> baseDir.resolve(p).normalize());
    }

    public Path requiredPath(String key) throws ConfigException {
        requiredString(key);
        return optionalPath(key).orElseThrow();
    }

    public InetSocketAddress address(String key, String defaultValue) throws ConfigException {
        String v = string(key, defaultValue).trim();
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw error(name(key), "'" + v + "' is not host:port (e.g. 0.0.0.0:9401 or 127.0.0.1:9402)");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw error(name(key), "'" + v.substring(colon + 1) + "' is not a port number");
        }
        if (port < 0 || port > 65535) {
            throw error(name(key), port + " is not a port number (0..65535)");
        }
        return new InetSocketAddress(host, port);
    }

    public Section child(String key) throws ConfigException {
        Optional<JsonNode> v = value(key);
        return new Section(file, name(key), v.orElse(null), baseDir);
    }

    public List<Section> list(String key) throws ConfigException {
        Optional<JsonNode> v = value(key);
        List<Section> out = new ArrayList<>();
        if (v.isEmpty()) {
            return out;
        }
        if (!v.get().isArray()) {
            throw error(name(key), "must be a list");
        }
        for (int i = 0; i < v.get().size(); i++) {
            out.add(new Section(file, name(key) + "[" + i + "]", v.get().get(i), baseDir));
        }
        return out;
    }

    /** Refuses settings that were never read: typos and settings in the wrong place. */
    public void done() throws ConfigException {
        if (node == null) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!read.contains(key)) {
                throw error(name(key), "unknown setting (see config/responder.yaml for the settings there are)");
            }
        }
    }
}
