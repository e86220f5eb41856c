package corp.example.ocsp.http.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point of {@code ocsp-responder.jar}. */
@Command(
        name = "ocsp-responder",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "An OCSP responder (RFC 6960, RFC 9919) backed by PostgreSQL.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            DbCommand.class,
            IssuerCommand.class,
            CertCommand.class,
            RevokeCommand.class,
            UnrevokeCommand.class,
            StatusCommand.class,
            AuditCommand.class,
            CheckCommand.class,
            CheckCrlCommand.class,
            CsrCommand.class,
            picocli.AutoComplete.GenerateCompletion.class
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        // Netty's leak detector samples one buffer in 128 and records a stack trace for it: 1.2% of
        // the event loop's time for a connection per request (async-profiler). The server's own
        // tests keep it; -Dio.netty.leakDetection.level=simple turns it back on.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit code (0 ok, 1 failure, 2 bad usage; {@code check}
     * exits as a monitoring plugin: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).
     */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with its output and errors going to {@code out} and {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + oneLine(e));
            return 1;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            CommandLine c = e.getCommandLine();
            if (c.getCommand() instanceof CheckCommand) {
                return CheckCommand.usageError(e);
            }
            c.getErr()
                    .println("error: " + oneLine(e) + " (see "
                            + c.getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        return cl.execute(args);
    }

    /** Admin commands print their result; the libraries' INFO lines would drown it. */
    static void quietLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx
                && System.getenv("OCSP_LOG_LEVEL") == null) {
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ocsp-responder " + (v == null ? "development build" : v)};
        }
    }
}
