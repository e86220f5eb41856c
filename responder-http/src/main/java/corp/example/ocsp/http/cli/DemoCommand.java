package corp.example.ocsp.http.cli;

import corp.example.ocsp.http.app.ResponderApp;
import corp.example.ocsp.http.demo.DemoPki;
import corp.example.ocsp.http.demo.DemoSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: a demo PKI, an embedded PostgreSQL and the responder, in one directory. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run the responder for a demo PKI on an embedded PostgreSQL.")
final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--dir",
            paramLabel = "DIR",
            defaultValue = "demo",
            description = "where the PKI, configuration and database live (default: ${DEFAULT-VALUE})")
    Path dir;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "9401",
            description = "the OCSP port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path d = dir.toAbsolutePath().normalize();
        boolean created = DemoPki.ensure(d, port);
        Path configFile = DemoSetup.ensureConfig(d, port);
        ResponderApp app = DemoSetup.start(d, port);
        PrintWriter out = spec.commandLine().getOut();
        int actualPort = app.addresses().get(0).getPort();
        String url = "http://127.0.0.1:" + actualPort;
        out.println((created ? "created the demo PKI in " : "reusing the demo PKI in ") + d);
        out.println("OCSP responder for the issuing CA at " + url + "/ and for the root CA at " + url + "/root/");
        app.adminAddress()
                .ifPresent(a ->
                        out.println("health and metrics at http://127.0.0.1:" + a.getPort() + "/readyz and /metrics"));
        out.println();
        out.println("Try (from " + d + "):");
        for (String leaf : new String[] {"good", "revoked", "unknown"}) {
            out.println("  openssl ocsp -issuer issuing-ca.pem -cert " + leaf + ".pem -url " + url
                    + " -CAfile root-ca.pem");
        }
        out.println(
                "  openssl ocsp -issuer root-ca.pem -cert issuing-ca.pem -url " + url + "/root/ -CAfile root-ca.pem");
        out.println("Revoke and check again (while this runs):");
        String jar = "java -jar responder-http/target/ocsp-responder.jar";
        out.println("  " + jar + " revoke --config " + configFile + " --cert " + d.resolve("good.pem")
                + " --reason keyCompromise");
        out.println("Stop with Ctrl-C.");
        out.flush();
        ServeCommand.runUntilStopped(app);
        return 0;
    }
}
