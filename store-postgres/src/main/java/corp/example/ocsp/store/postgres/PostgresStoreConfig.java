package corp.example.ocsp.store.postgres;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the status store and how the change feed behaves.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/database}
 * @param user database user (the responder's needs SELECT only; see the module README)
 * @param password may be null (trust or .pgpass)
 * @param poolSize connections in the lookup pool. Default 8
 * @param connectionTimeout longest wait for a new TCP connection and its login; a lookup waits at
 *     most {@link #lookupWait()} for a pooled connection (this, capped at 750 ms) and then fails
 *     with StatusUnavailableException; a store opened for an admin command waits this whole
 *     timeout. Default 2 s
 * @param statementTimeout longest run of one statement (server {@code statement_timeout}, with a
 *     socket timeout a little longer as a backstop). Default 2 s
 * @param reconcilePeriod how often the change feed reads rows changed since its watermark, to catch
 *     what LISTEN missed. Default 2 s
 * @param listenerBackoffMin first wait before reconnecting the LISTEN connection; doubles per
 *     failure. Default 100 ms
 * @param listenerBackoffMax longest wait between reconnection attempts. Default 10 s
 * @param applicationName application_name of the pool's sessions; the listener's is this plus
 *     {@code -listener}. Default {@code ocsp-responder}
 */
public record PostgresStoreConfig(
        String jdbcUrl,
        String user,
        String password,
        int poolSize,
        Duration connectionTimeout,
        Duration statementTimeout,
        Duration reconcilePeriod,
        Duration listenerBackoffMin,
        Duration listenerBackoffMax,
        String applicationName) {

    public PostgresStoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the JDBC URL " + jdbcUrl + " is not a jdbc:postgresql: URL");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool size " + poolSize + " must be at least 1");
        }
        requireAtLeast("the connection timeout", connectionTimeout, Duration.ofMillis(250));
        requireAtLeast("the statement timeout", statementTimeout, Duration.ofMillis(1));
        requireAtLeast("the reconcile period", reconcilePeriod, Duration.ofMillis(10));
        requireAtLeast("the first listener reconnection wait", listenerBackoffMin, Duration.ofMillis(1));
        requireAtLeast("the longest listener reconnection wait", listenerBackoffMax, listenerBackoffMin);
        Objects.requireNonNull(applicationName, "applicationName");
    }

    /** The default pool size, timeouts and periods: the one place they are written. */
    public static final int DEFAULT_POOL_SIZE = 8;

    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_RECONCILE_PERIOD = Duration.ofSeconds(2);

    /** The defaults for everything but where the database is. */
    public static PostgresStoreConfig of(String jdbcUrl, String user, String password) {
        return new PostgresStoreConfig(
                jdbcUrl,
                user,
                password,
                DEFAULT_POOL_SIZE,
                DEFAULT_CONNECTION_TIMEOUT,
                DEFAULT_STATEMENT_TIMEOUT,
                DEFAULT_RECONCILE_PERIOD,
                Duration.ofMillis(100),
                Duration.ofSeconds(10),
                "ocsp-responder");
    }

    public PostgresStoreConfig withPoolSize(int n) {
        return new PostgresStoreConfig(
                jdbcUrl,
                user,
                password,
                n,
                connectionTimeout,
                statementTimeout,
                reconcilePeriod,
                listenerBackoffMin,
                listenerBackoffMax,
                applicationName);
    }

    public PostgresStoreConfig withTimeouts(Duration connection, Duration statement) {
        return new PostgresStoreConfig(
                jdbcUrl,
                user,
                password,
                poolSize,
                connection,
                statement,
                reconcilePeriod,
                listenerBackoffMin,
                listenerBackoffMax,
                applicationName);
    }

    public PostgresStoreConfig withReconcilePeriod(Duration period) {
        return new PostgresStoreConfig(
                jdbcUrl,
                user,
                password,
                poolSize,
                connectionTimeout,
                statementTimeout,
                period,
                listenerBackoffMin,
                listenerBackoffMax,
                applicationName);
    }

    public PostgresStoreConfig withListenerBackoff(Duration min, Duration max) {
        return new PostgresStoreConfig(
                jdbcUrl,
                user,
                password,
                poolSize,
                connectionTimeout,
                statementTimeout,
                reconcilePeriod,
                min,
                max,
                applicationName);
    }

    public PostgresStoreConfig withApplicationName(String name) {
        return new PostgresStoreConfig(
                jdbcUrl,
                user,
                password,
                poolSize,
                connectionTimeout,
                statementTimeout,
                reconcilePeriod,
                listenerBackoffMin,
                listenerBackoffMax,
                name);
    }

    /**
     * The longest a lookup waits for a pooled connection: the connection timeout, capped at {@link
     * #LONGEST_LOOKUP_WAIT}, so that the first miss of an outage is answered tryLater within a
     * second (the ones after it fail at once, see {@code OutageGate}). Connections are made in the
     * background with the whole connection timeout.
     */
    public Duration lookupWait() {
        return connectionTimeout.compareTo(LONGEST_LOOKUP_WAIT) < 0 ? connectionTimeout : LONGEST_LOOKUP_WAIT;
    }

    /**
     * The hosts of the URL, in the order pgjdbc tries them ({@code jdbc:postgresql://a:5432,b:5432/ocsp}:
     * {@code a:5432}, {@code b:5432}); {@code localhost} for a URL without any.
     */
    public List<String> hosts() {
        String rest = jdbcUrl.substring("jdbc:postgresql:".length());
        if (!rest.startsWith("//")) {
            return List.of("localhost");
        }
        String authority = rest.substring(2).split("[/?]", 2)[0];
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        return authority.isEmpty() ? List.of("localhost") : List.of(authority.split(","));
    }

    /** The URL's {@code targetServerType} parameter, or {@code any} (pgjdbc's default) when absent. */
    public String targetServerType() {
        int q = jdbcUrl.indexOf('?');
        if (q >= 0) {
            for (String p : jdbcUrl.substring(q + 1).split("&")) {
                if (p.startsWith("targetServerType=")) {
                    return p.substring("targetServerType=".length());
                }
            }
        }
        return "any";
    }

    /**
     * A line to warn with when the URL names several hosts and no {@code targetServerType}: pgjdbc
     * then takes the first that answers, which may be a standby (no LISTEN; reads lag), and stays on
     * it after the primary moves.
     */
    public Optional<String> multiHostWarning() {
        List<String> hosts = hosts();
        if (hosts.size() < 2 || !targetServerType().equals("any")) {
            return Optional.empty();
        }
        return Optional.of("database.url names " + hosts.size() + " hosts " + hosts
                + " without targetServerType: the driver takes the first that answers, which may be a standby,"
                + " and stays on it after a failover; add targetServerType=primary to the URL to follow the primary");
    }

    /** The cap on {@link #lookupWait()}. */
    public static final Duration LONGEST_LOOKUP_WAIT = Duration.ofMillis(750);

    /** The listener connection's application_name, by which operators (and tests) can find it. */
    public String listenerApplicationName() {
        return applicationName + "-listener";
    }

    /** The application_name of the feed's reconcile connection (while the listener is up). */
    public String reconcileApplicationName() {
        return applicationName + "-reconcile";
    }

    /**
     * The JDBC URL fit for logs and messages: a password in it ({@code ?password=...}, {@code
     * //user:password@host}) shows as {@code ****}.
     */
    public String safeJdbcUrl() {
        return jdbcUrl.replaceAll("(?i)([?&;]password=)[^&;]*", "$1****")
                .replaceAll("//([^/@:]*):[^/@]*@", "//$1:****@");
    }

    /** {@code jdbc:postgresql://db/ocsp as ocsp_responder (password set, pool 10, ...)}: never the password. */
    @Override
    public String toString() {
        return safeJdbcUrl() + " as " + (user == null ? "the default user" : user) + " (password="
                + (password == null ? "none" : "****") + ", pool " + poolSize + ", connect timeout "
                + connectionTimeout.toMillis() + " ms, statement timeout " + statementTimeout.toMillis()
                + " ms, reconcile every " + reconcilePeriod.toMillis() + " ms)";
    }

    private static void requireAtLeast(String name, Duration value, Duration min) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(name + " " + value + " must be at least " + min);
        }
    }
}
