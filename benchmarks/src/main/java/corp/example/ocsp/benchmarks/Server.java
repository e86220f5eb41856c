package corp.example.ocsp.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The real server in a process of its own, for {@link ScaleMeasurement}: started, watched through its admin listener, stopped by its PID. */
final class Server {
    private final Process process;
    private final Path log;
    private final int adminPort;
    private final long startNanos = System.nanoTime();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Server(Process process, Path log, int adminPort) {
        this.process = process;
        this.log = log;
        this.adminPort = adminPort;
    }

    static Server start(Path jar, String heap, Path config, Path log, int adminPort) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap));
        String extra = System.getProperty("responder.jvmArgs", "").trim(); // e.g. a profiler's -agentpath
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "serve", "--config", config.toString()));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new Server(p, log, adminPort);
    }

    /** Seconds from the start until {@code ocsp_cache_filled} is 1. */
    double awaitFilled(Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited; see " + log);
            }
            if (metrics().map(m -> m.contains("\nocsp_cache_filled 1.0")).orElse(false)) {
                return (System.nanoTime() - startNanos) / 1e9;
            }
            Thread.sleep(200); // polling a process from a measurement, not a test
        }
        throw new IllegalStateException("not filled within " + atMost + "; see " + log);
    }

    /** The heap in use after a full GC (jcmd GC.run), from the JVM metrics. */
    long heapAfterGc() throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(process.pid()), "GC.run")
                .redirectErrorStream(true)
                .start()
                .waitFor();
        long used = 0;
        for (String line : metrics().orElseThrow().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return used;
    }

    /** The first metric line starting with {@code prefix}. */
    String metric(String prefix) throws Exception {
        for (String line : metrics().orElseThrow().split("\n")) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        return "(no " + prefix + ")";
    }

    /** The last log line containing {@code text}. */
    Optional<String> logLine(String text) throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).reduce((a, b) -> b);
        }
    }

    private Optional<String> metrics() {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** SIGTERM, then waits for it to exit (SIGKILL after a minute). */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
