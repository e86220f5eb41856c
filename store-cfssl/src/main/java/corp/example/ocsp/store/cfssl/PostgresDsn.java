package corp.example.ocsp.store.cfssl;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A PostgreSQL data_source as CFSSL's driver (lib/pq) reads it, a {@code postgres://} URL or a libpq
 * {@code key=value} string, turned into a pgjdbc URL and properties. lib/pq's defaults are kept:
 * {@code sslmode=require}, port 5432, host localhost, dbname the user; keys that are no connection
 * setting are run-time parameters (as lib/pq sends them), e.g. {@code search_path}.
 *
 * @param jdbcUrl    {@code jdbc:postgresql://host:port/dbname}
 * @param properties user, password, sslmode and the rest, in pgjdbc's names
 */
record PostgresDsn(String jdbcUrl, Properties properties) {
    private static final Map<String, String> PGJDBC_NAMES = Map.of(
            "sslmode", "sslmode",
            "sslcert", "sslcert",
            "sslkey", "sslkey",
            "sslrootcert", "sslrootcert",
            "connect_timeout", "connectTimeout",
            "application_name", "ApplicationName",
            "user", "user",
            "password", "password");

    static PostgresDsn parse(String dataSource) {
        Map<String, String> o = dataSource.startsWith("postgres://") || dataSource.startsWith("postgresql://")
                ? fromUrl(dataSource)
                : fromKeyValues(dataSource);
        String host = o.getOrDefault("host", "localhost");
        if (host.startsWith("/")) {
            throw new CertdbException(
                    "PostgreSQL data_source: host " + host
                            + " is a Unix socket directory, which this responder cannot use; give host=127.0.0.1 (or the server's address)");
        }
        String port = o.getOrDefault("port", "5432");
        if (!port.matches("\\d{1,5}")) {
            throw new CertdbException("PostgreSQL data_source: port '" + port + "' is not a port number");
        }
        String user = o.getOrDefault("user", System.getProperty("user.name", "postgres"));
        String db = o.getOrDefault("dbname", user);
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("sslmode", "require"); // lib/pq's default, unlike pgjdbc's "prefer"
        StringBuilder options = new StringBuilder();
        for (Map.Entry<String, String> e : o.entrySet()) {
            String k = e.getKey();
            if (k.equals("host") || k.equals("port") || k.equals("dbname")) {
                continue;
            }
            String name = PGJDBC_NAMES.get(k);
            if (name != null) {
                p.setProperty(name, e.getValue());
            } else if (k.equals("fallback_application_name")) {
                p.putIfAbsent("ApplicationName", e.getValue());
            } else {
                options.append(options.length() == 0 ? "" : " ")
                        .append("-c ")
                        .append(k)
                        .append('=')
                        .append(e.getValue().replace(" ", "\\ "));
            }
        }
        if (options.length() > 0) {
            p.setProperty("options", options.toString());
        }
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new PostgresDsn("jdbc:postgresql://" + h + ":" + port + "/" + db, p);
    }

    /** lib/pq's ParseURL: user info, host, port, path as dbname, query parameters as keys. */
    private static Map<String, String> fromUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new CertdbException("PostgreSQL data_source is not a valid URL: " + e.getReason());
        }
        Map<String, String> o = new LinkedHashMap<>();
        if (uri.getRawUserInfo() != null) {
            String[] up = uri.getRawUserInfo().split(":", 2);
            o.put("user", decode(up[0]));
            if (up.length == 2) {
                o.put("password", decode(up[1]));
            }
        }
        if (uri.getHost() != null && !uri.getHost().isEmpty()) {
            o.put("host", uri.getHost().replaceAll("^\\[|\\]$", ""));
        }
        if (uri.getPort() >= 0) {
            o.put("port", Integer.toString(uri.getPort()));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (!path.isEmpty()) {
            o.put("dbname", decode(path));
        }
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                if (!kv.isEmpty()) {
                    String[] p = kv.split("=", 2);
                    o.put(decode(p[0]), p.length == 2 ? decode(p[1]) : "");
                }
            }
        }
        return o;
    }

    /** libpq's {@code key=value} list: values may be single-quoted, with backslash escapes. */
    static Map<String, String> fromKeyValues(String text) {
        Map<String, String> o = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return o;
            }
            int keyStart = i;
            while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String key = text.substring(keyStart, i);
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n || text.charAt(i) != '=') {
                throw new CertdbException(
                        "PostgreSQL data_source: missing '=' after '" + key + "' (expected key=value pairs)");
            }
            i++;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            i = value(text, i, value, key);
            o.put(key, value.toString());
        }
    }

    private static int value(String text, int i, StringBuilder out, String key) {
        int n = text.length();
        boolean quoted = i < n && text.charAt(i) == '\'';
        if (quoted) {
            i++;
        }
        while (i < n) {
            char c = text.charAt(i);
            if (quoted ? c == '\'' : Character.isWhitespace(c)) {
                return quoted ? i + 1 : i;
            }
            if (c == '\\' && i + 1 < n) {
                i++;
                c = text.charAt(i);
            }
            out.append(c);
            i++;
        }
        if (quoted) {
            throw new CertdbException("PostgreSQL data_source: unterminated quoted value of '" + key + "'");
        }
        return i;
    }

    /** {@code dataSource} with its password replaced by ***, for logs. */
    static String masked(String dataSource) {
        return dataSource
                .replaceAll("(://[^:/@]*:)[^@]*@", "$1***@")
                .replaceAll("(password\\s*=\\s*)('(\\\\.|[^'])*'|\\S+)", "$1***");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
