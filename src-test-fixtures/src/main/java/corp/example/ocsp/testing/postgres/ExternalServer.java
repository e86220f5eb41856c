package corp.example.ocsp.testing.postgres;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server someone else runs, named by {@code OCSP_TEST_JDBC_URL}. Never stopped by the tests. */
final class ExternalServer extends PostgresServer {
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/?]+)(?:/([^?]*))?(\\?.*)?");

    private final String hosts;
    private final String database;
    private final String query;
    private final String user;
    private final String password;

    ExternalServer(String url, String user, String password) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "OCSP_TEST_JDBC_URL: " + url + " is not a jdbc:postgresql://host[:port]/database URL");
        }
        this.hosts = m.group(1);
        this.database = m.group(2) == null || m.group(2).isEmpty() ? "postgres" : m.group(2);
        this.query = m.group(3) == null ? "" : m.group(3);
        this.user = user;
        this.password = password;
    }

    @Override
    public String kind() {
        return "OCSP_TEST_JDBC_URL";
    }

    @Override
    public String host() {
        String first = hosts.split(",")[0];
        int colon = first.lastIndexOf(':');
        return colon < 0 || first.endsWith("]") ? first : first.substring(0, colon);
    }

    @Override
    public int port() {
        String first = hosts.split(",")[0];
        int colon = first.lastIndexOf(':');
        return colon < 0 || first.endsWith("]") ? 5432 : Integer.parseInt(first.substring(colon + 1));
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String jdbcUrl(String db) {
        return "jdbc:postgresql://" + hosts + "/" + db + query;
    }

    @Override
    String adminDatabase() {
        return database;
    }

    @Override
    public boolean canRestart() {
        return false;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("the server of OCSP_TEST_JDBC_URL is not ours to stop;"
                + " unset OCSP_TEST_JDBC_URL to run fault tests on an embedded server");
    }

    @Override
    public void start() {
        stop();
    }

    @Override
    void shutdown() {}
}
