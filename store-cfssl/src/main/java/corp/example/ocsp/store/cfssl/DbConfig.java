package corp.example.ocsp.store.cfssl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * CFSSL's db-config file, read as {@code certdb/dbconf} reads it: a JSON object whose {@code driver}
 * and {@code data_source} members (matched in any case, as Go's encoding/json does; other members
 * ignored) must both be non-empty strings.
 *
 * @param file       where it was read from, for messages
 * @param driver     {@code postgres}, {@code sqlite3} or {@code mysql} (MySQL or MariaDB)
 * @param dataSource a {@code postgres://} URL or libpq {@code key=value} string, a SQLite file path,
 *     or a Go MySQL DSN ({@code user:password@tcp(host:port)/dbname?params})
 */
public record DbConfig(Path file, Driver driver, String dataSource) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The drivers this source reads. */
    public enum Driver {
        POSTGRES("postgres"),
        SQLITE3("sqlite3"),
        MYSQL("mysql");

        private final String name;

        Driver(String name) {
            this.name = name;
        }

        /** The name CFSSL's db-config uses. */
        public String cfsslName() {
            return name;
        }
    }

    public DbConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Reads {@code file}.
     *
     * @throws CertdbException with one line naming the file and what is wrong with it
     */
    public static DbConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CertdbException("CFSSL db-config " + file + " cannot be read: " + e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CertdbException("CFSSL db-config " + file + " is not JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new CertdbException("CFSSL db-config " + file
                    + " must be a JSON object such as {\"driver\":\"sqlite3\",\"data_source\":\"certs.db\"}");
        }
        String driver = member(root, "driver", file);
        String dataSource = member(root, "data_source", file);
        DbConfig config = new DbConfig(file, driver(driver, file), dataSource);
        try { // malformed: refused now, not when first used
            if (config.driver == Driver.POSTGRES) {
                PostgresDsn.parse(dataSource);
            } else if (config.driver == Driver.MYSQL) {
                MysqlDsn.parse(dataSource);
            }
        } catch (CertdbException e) {
            throw new CertdbException("CFSSL db-config " + file + ": " + e.getMessage());
        }
        return config;
    }

    private static String member(JsonNode root, String name, Path file) {
        String value = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) { // Go's encoding/json: the last match wins
                if (!e.getValue().isTextual()) {
                    throw new CertdbException(
                            "CFSSL db-config " + file + ": \"" + name + "\" must be a string, got " + e.getValue());
                }
                value = e.getValue().asText();
            }
        }
        if (value == null || value.isEmpty()) {
            throw new CertdbException("CFSSL db-config " + file + ": \"" + name
                    + "\" is missing or empty (CFSSL: invalid db configuration)");
        }
        return value;
    }

    private static Driver driver(String name, Path file) {
        for (Driver d : Driver.values()) {
            if (d.name.equals(name)) {
                return d;
            }
        }
        throw new CertdbException("CFSSL db-config " + file + ": driver \"" + name
                + "\" is not one CFSSL knows (postgres, sqlite3 or mysql)");
    }

    @Override
    public String toString() {
        String where = switch (driver) {
            case POSTGRES -> PostgresDsn.masked(dataSource);
            case MYSQL -> MysqlDsn.masked(dataSource);
            case SQLITE3 -> dataSource;
        };
        return driver.name + " " + where + " (from " + file + ")";
    }
}
