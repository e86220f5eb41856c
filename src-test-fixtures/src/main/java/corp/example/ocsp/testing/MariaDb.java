package corp.example.ocsp.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real MariaDB server (Debian's {@code mariadb-server}, installed by {@code
 * scripts/install-test-deps}) for tests, one per JVM: a data directory made by {@code
 * mariadb-install-db} in the system temp directory, {@code mariadbd} on a free loopback port (no
 * socket file anyone else uses, no networking beyond 127.0.0.1), a root password, stopped by PID and
 * its directory deleted when the JVM exits.
 */
public final class MariaDb {
    public static final String USER = "root";
    public static final String PASSWORD = "maria-test-pw";
    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    private static final Path CLIENT = Path.of("/usr/bin/mariadb");
    private static final Object LOCK = new Object();
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Optional<String> problem;
    private static Process server;
    private static Path dir;
    private static int port;

    private MariaDb() {}

    /**
     * Why no server can be used here (mariadb-server is not installed), or empty when one runs.
     *
     * @throws IllegalStateException if it is installed but does not start (a failure, not a skip)
     */
    public static Optional<String> unavailableBecause() {
        synchronized (LOCK) {
            if (problem == null) {
                problem = start();
            }
            return problem;
        }
    }

    /** The loopback port the server listens on. */
    public static int port() {
        return port;
    }

    /** A new empty database (name returned), for one test class. */
    public static String newDatabase() throws IOException {
        String name = "certdb" + DATABASES.incrementAndGet();
        sql("CREATE DATABASE " + name);
        return name;
    }

    /** Runs {@code statement} with the {@code mariadb} client as root. */
    public static String sql(String statement) throws IOException {
        return run(List.of(
                CLIENT.toString(),
                "--no-defaults",
                "--protocol=TCP",
                "--host=127.0.0.1",
                "--port=" + port,
                "--user=" + USER,
                "--password=" + PASSWORD,
                "--batch",
                "--execute=" + statement));
    }

    private static Optional<String> start() {
        if (!Files.isExecutable(SERVER) || !Files.isExecutable(INSTALL_DB)) {
            return Optional.of(SERVER + " is missing: run scripts/install-test-deps (Debian mariadb-server)");
        }
        try {
            dir = Files.createTempDirectory("ocsp-mariadb");
            Path data = Files.createDirectories(dir.resolve("data"));
            String user = System.getProperty("user.name");
            run(List.of(
                    INSTALL_DB.toString(),
                    "--no-defaults",
                    "--datadir=" + data,
                    "--user=" + user,
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db"));
            port = freePort();
            server = new ProcessBuilder(
                            SERVER.toString(),
                            "--no-defaults",
                            "--datadir=" + data,
                            "--user=" + user,
                            "--bind-address=127.0.0.1",
                            "--skip-name-resolve",
                            "--port=" + port,
                            "--socket=" + dir.resolve("mariadb.sock"),
                            "--pid-file=" + dir.resolve("mariadb.pid"),
                            "--skip-log-bin",
                            "--innodb-buffer-pool-size=32M",
                            "--log-error=" + dir.resolve("error.log"))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.out").toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(MariaDb::stop, "mariadb-stop"));
            Await.until(Duration.ofSeconds(60), "mariadbd listens on 127.0.0.1:" + port, MariaDb::listening);
            run(List.of(
                    CLIENT.toString(),
                    "--no-defaults",
                    "--socket=" + dir.resolve("mariadb.sock"),
                    "--user=" + USER,
                    "--execute=ALTER USER root@localhost IDENTIFIED BY '" + PASSWORD + "';"
                            + " CREATE USER IF NOT EXISTS root@'127.0.0.1';"
                            + " ALTER USER root@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "';"
                            + " GRANT ALL ON *.* TO root@'127.0.0.1' WITH GRANT OPTION;"));
            return Optional.empty();
        } catch (Exception e) {
            stop();
            // installed but not starting is a failure of the tests that need it, never a skip
            throw new IllegalStateException("cannot start MariaDB: " + e.getMessage(), e);
        }
    }

    private static boolean listening() {
        if (server != null && !server.isAlive()) {
            throw new IllegalStateException("mariadbd exited with " + server.exitValue() + "; see " + dir);
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void stop() {
        Process p = server;
        if (p != null && p.isAlive()) {
            p.destroy(); // SIGTERM: a clean shutdown
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                // a temp directory left behind; nothing else to do while the JVM exits
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String run(List<String> command) throws IOException {
        Openssl.Result r = Openssl.exec(command, Path.of("."), new byte[0]);
        if (r.exitCode() != 0) {
            throw new IOException(
                    command.get(0) + " exited with " + r.exitCode() + ": " + (r.stdout() + r.stderr()).strip());
        }
        return r.stdout();
    }
}
