package corp.example.ocsp.store.cfssl;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A MySQL/MariaDB {@code data_source} as CFSSL's Go driver (go-sql-driver/mysql) reads it, {@code
 * [user[:password]@][tcp(host:port)|unix(/path)]/dbname[?param=value&...]}, turned into a MariaDB
 * Connector/J URL and properties. Of the driver's parameters, {@code tls} (true, skip-verify,
 * preferred, false) and {@code timeout} are used; the others (parseTime, loc, charset, ...) do not
 * change how this source reads and are ignored. Malformed text is one line naming what is wrong,
 * never the password.
 *
 * @param user     the user (Go's default: empty)
 * @param password the password, or empty
 * @param protocol {@code tcp} or {@code unix}
 * @param address  {@code host:port} for tcp (default {@code 127.0.0.1:3306}), the socket path for unix
 * @param database the database name
 * @param params   the query parameters, decoded
 */
record MysqlDsn(
        String user, String password, String protocol, String address, String database, Map<String, String> params) {

    static MysqlDsn parse(String dsn) {
        int slash = dsn.lastIndexOf('/');
        if (slash < 0) {
            throw new CertdbException("MySQL data_source has no /dbname (user:password@tcp(host:port)/dbname)");
        }
        String head = dsn.substring(0, slash);
        String tail = dsn.substring(slash + 1);
        int at = head.lastIndexOf('@');
        String credentials = at < 0 ? "" : head.substring(0, at);
        String endpoint = at < 0 ? head : head.substring(at + 1);
        int colon = credentials.indexOf(':');
        String user = colon < 0 ? credentials : credentials.substring(0, colon);
        String password = colon < 0 ? "" : credentials.substring(colon + 1);
        String protocol = "tcp";
        String address = "127.0.0.1:3306";
        if (!endpoint.isEmpty()) {
            int open = endpoint.indexOf('(');
            if (open < 0) {
                protocol = endpoint;
            } else {
                if (!endpoint.endsWith(")")) {
                    throw new CertdbException(
                            "MySQL data_source: '" + endpoint.substring(0, open) + "(' has no closing parenthesis");
                }
                protocol = endpoint.substring(0, open);
                address = endpoint.substring(open + 1, endpoint.length() - 1);
            }
        }
        if (protocol.equals("unix") && address.equals("127.0.0.1:3306")) {
            address = "/tmp/mysql.sock"; // the Go driver's default socket
        }
        if (!protocol.equals("tcp") && !protocol.equals("unix")) {
            throw new CertdbException("MySQL data_source: protocol '" + protocol + "' is not tcp or unix");
        }
        int question = tail.indexOf('?');
        String database = question < 0 ? tail : tail.substring(0, question);
        if (database.isEmpty()) {
            throw new CertdbException("MySQL data_source has no database name after the /");
        }
        Map<String, String> params = question < 0 ? Map.of() : params(tail.substring(question + 1));
        MysqlDsn parsed = new MysqlDsn(user, password, protocol, address, database, params);
        parsed.properties(); // an unusable tls or timeout value is refused now, not when first used
        return parsed;
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CertdbException("MySQL data_source: parameter '" + pair + "' is not name=value");
            }
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return Map.copyOf(out);
    }

    /** The Connector/J URL: {@code jdbc:mariadb://host:port/db}, or through the socket for unix. */
    String jdbcUrl() {
        if (protocol.equals("unix")) {
            return "jdbc:mariadb://localhost/" + database;
        }
        String hostPort = address.contains(":") ? address : address + ":3306";
        return "jdbc:mariadb://" + hostPort + "/" + database;
    }

    /** Connector/J properties: the credentials, the socket, TLS, and the connect timeout given. */
    Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (!password.isEmpty()) {
            p.setProperty("password", password);
        }
        if (protocol.equals("unix")) {
            p.setProperty("localSocket", address);
        }
        p.setProperty("sslMode", sslMode());
        String timeout = params.get("timeout");
        if (timeout != null) {
            p.setProperty("connectTimeout", Long.toString(goDurationMillis(timeout)));
        }
        return p;
    }

    /** Go's tls parameter in Connector/J's words. */
    private String sslMode() {
        String tls = params.getOrDefault("tls", "false");
        return switch (tls) {
            case "true" -> "verify-full";
            case "skip-verify", "preferred" -> "trust";
            case "false" -> "disable";
            default ->
                throw new CertdbException("MySQL data_source: tls=" + tls
                        + " names a TLS configuration registered in CFSSL's Go code; use true, skip-verify or false");
        };
    }

    /** A Go duration such as {@code 5s}, {@code 500ms} or {@code 1m30s}, in milliseconds. */
    static long goDurationMillis(String text) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)").matcher(text);
        double millis = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double v = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> v;
                case "s" -> v * 1000;
                case "m" -> v * 60_000;
                default -> v * 3_600_000;
            };
            end = m.end();
        }
        if (end != text.length() || text.isEmpty()) {
            throw new CertdbException("MySQL data_source: timeout=" + text + " is not a Go duration such as 5s");
        }
        return Math.round(millis);
    }

    /** The data_source with the password replaced by {@code ****}, for messages. */
    static String masked(String dsn) {
        try {
            MysqlDsn d = parse(dsn);
            if (d.password.isEmpty()) {
                return dsn;
            }
            int at = dsn.lastIndexOf('@', dsn.lastIndexOf('/'));
            return d.user + ":****" + dsn.substring(at);
        } catch (CertdbException e) {
            return "(a MySQL data_source that cannot be read)";
        }
    }

    @Override
    public String toString() {
        return "MysqlDsn[" + protocol + "(" + address + ")/" + database + " as " + user + "]";
    }
}
