package corp.example.ocsp.testing.postgres;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL in a Testcontainers container, published on a fixed host port so that {@link #stop()}
 * and {@link #start()} (docker stop / docker start) keep the port and, in the data volume, the data.
 */
final class ContainerServer extends PostgresServer {
    static final String IMAGE = "postgres:17-alpine";

    private final PostgreSQLContainer<?> container;
    private final int hostPort;

    ContainerServer() {
        this.hostPort = freePort();
        this.container = new PostgreSQLContainer<>(DockerImageName.parse(IMAGE))
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=200")
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withPortBindings(new PortBinding(Ports.Binding.bindPort(hostPort), new ExposedPort(5432))));
        container.start();
    }

    /**
     * True if a Docker engine answers. Looks for a socket or a configuration first so that, on a
     * machine without Docker, the answer is quick and nothing is logged.
     */
    static boolean dockerAvailable() {
        if (!dockerConfigured()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean dockerConfigured() {
        if (System.getenv("DOCKER_HOST") != null
                || System.getProperty("os.name", "").startsWith("Windows")) {
            return true;
        }
        String home = System.getProperty("user.home", "/");
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        List<Path> candidates = new ArrayList<>(List.of(
                Path.of(home, ".testcontainers.properties"),
                Path.of("/var/run/docker.sock"),
                Path.of("/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".rd", "docker.sock"),
                Path.of(home, ".colima", "default", "docker.sock")));
        if (runtime != null) {
            candidates.add(Path.of(runtime, "docker.sock"));
            candidates.add(Path.of(runtime, "podman", "podman.sock"));
        }
        return candidates.stream().anyMatch(Files::exists);
    }

    @Override
    public String kind() {
        return "testcontainers";
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return hostPort;
    }

    @Override
    public String user() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + hostPort + "/" + database;
    }

    @Override
    String adminDatabase() {
        return "postgres";
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public synchronized void stop() {
        docker().stopContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public synchronized void start() {
        docker().startContainerCmd(container.getContainerId()).exec();
        long deadline = System.nanoTime() + 60_000_000_000L;
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = connect(adminDatabase())) {
                if (c.isValid(5)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
            }
            sleep(200);
        }
        throw new IllegalStateException(
                "the PostgreSQL container did not accept connections on port " + hostPort
                        + " within 60 s of docker start",
                last);
    }

    @Override
    void shutdown() {
        container.stop();
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port for the PostgreSQL container", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
        }
    }
}
