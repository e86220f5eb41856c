package corp.example.ocsp.http.cli;

import corp.example.ocsp.core.concurrent.DaemonThreads;
import corp.example.ocsp.http.app.ResponderApp;
import corp.example.ocsp.http.config.ConfigFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code serve}: runs the responder until SIGTERM or SIGINT, then stops gracefully; SIGHUP loads the
 * signers again (key rotation, {@link ResponderApp#reloadSigners}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the OCSP responder.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the YAML configuration")
    Path config;

    @Override
    public Integer call() throws Exception {
        ResponderApp app = ResponderApp.start(ConfigFile.load(config), Clock.systemUTC());
        runUntilStopped(app);
        return 0;
    }

    /**
     * Blocks until the JVM is asked to stop, then closes {@code app} (graceful shutdown). Until then
     * each SIGHUP reloads the signers, on a thread of its own (the outcome goes to the log).
     */
    static void runUntilStopped(ResponderApp app) throws InterruptedException {
        Signal.handle(new Signal("HUP"), signal -> DaemonThreads.start("ocsp-reload", app::reloadSigners));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(DaemonThreads.unstarted("ocsp-shutdown", () -> {
            app.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
