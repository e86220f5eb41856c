package corp.example.ocsp.http.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import corp.example.ocsp.core.NoncePolicy;
import corp.example.ocsp.core.ResponderSettings;
import corp.example.ocsp.core.UnknownSerialPolicy;
import corp.example.ocsp.core.cache.CacheSettings;
import corp.example.ocsp.core.cache.HeapBudget;
import corp.example.ocsp.core.issuer.HashAlgorithm;
import corp.example.ocsp.core.signing.SignatureProvider;
import corp.example.ocsp.http.config.ServerConfig.IssuerConfig;
import corp.example.ocsp.http.config.ServerConfig.ResponderConfig;
import corp.example.ocsp.http.server.HttpLimits;
import corp.example.ocsp.http.source.postgres.Embedded;
import corp.example.ocsp.http.source.postgres.PostgresSettings;
import corp.example.ocsp.store.postgres.PostgresStoreConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped configuration files ({@code config/responder.yaml}, {@code docker/responder.yaml})
 * load, say what the loader does (every setting {@link ConfigFile} reads is documented there, with
 * its real default and range), and the loader's important error messages name the setting.
 */
class ShippedConfigTest {
    private static final Path REPO = repoRoot();
    private static final Path SHIPPED = REPO.resolve("config/responder.yaml");
    private static final Path DOCKER = REPO.resolve("docker/responder.yaml");
    private static final Path CONFIG_FILE_SOURCE =
            REPO.resolve("responder-http/src/main/java/corp/example/ocsp/http/config/ConfigFile.java");
    private static final Path SIGNER_SECTION_SOURCE =
            REPO.resolve("responder-http/src/main/java/corp/example/ocsp/http/config/SignerSection.java");
    /** Where the status sources' configuration bindings ({@code *Kind.java}) live. */
    private static final Path SOURCE_BINDINGS =
            REPO.resolve("responder-http/src/main/java/corp/example/ocsp/http/source");

    private static final Map<String, String> ENV = Map.of(
            "OCSP_DB_PASSWORD", "db-secret",
            "OCSP_ROOT_SIGNER_PASSWORD", "p12-secret");

    @TempDir
    Path dir;

    // --- config/responder.yaml ---------------------------------------------------------------

    @Test
    void shipped_loadsWithItsEnvironmentVariables() throws Exception {
        ServerConfig c = ConfigFile.load(SHIPPED, ENV);
        Path base = SHIPPED.toAbsolutePath().getParent();

        PostgresStoreConfig store = store(c);
        assertThat(store.jdbcUrl()).isEqualTo("jdbc:postgresql://db01.example.corp:5432/ocsp");
        assertThat(store.user()).isEqualTo("ocsp_responder");
        assertThat(store.password()).isEqualTo("db-secret");
        assertThat(embedded(c)).isEmpty();
        assertThat(c.admin()).contains(new InetSocketAddress("127.0.0.1", 9402));
        assertThat(c.server().signingThreads()).isEqualTo(4);

        assertThat(c.responders()).extracting(ResponderConfig::name).containsExactly("root-ca", "issuing-ca");
        ResponderConfig root = c.responders().get(0);
        assertThat(root.listen()).isEqualTo(new InetSocketAddress("0.0.0.0", 9400));
        assertThat(root.path()).isEqualTo("/");
        IssuerConfig rootCa = root.issuers().get(0);
        assertThat(rootCa.label()).isEqualTo("root-ca");
        assertThat(rootCa.certificate()).isEqualTo(base.resolve("pki/root-ca.pem"));
        assertThat(rootCa.signer().pkcs12()).contains(base.resolve("pki/root-ocsp-signer.p12"));
        assertThat(rootCa.signer().certificate()).isEmpty();
        assertThat(new String(rootCa.signer().password())).isEqualTo("p12-secret");

        ResponderConfig issuing = c.responders().get(1);
        assertThat(issuing.listen()).isEqualTo(new InetSocketAddress("0.0.0.0", 9401));
        IssuerConfig issuingCa = issuing.issuers().get(0);
        assertThat(issuingCa.label()).isEqualTo("issuing-ca");
        assertThat(issuingCa.certificate()).isEqualTo(base.resolve("pki/issuing-ca.pem"));
        assertThat(issuingCa.signer().certificate()).contains(base.resolve("pki/issuing-ocsp-signer.pem"));
        assertThat(issuingCa.signer().key()).contains(base.resolve("pki/issuing-ocsp-signer.key"));
        assertThat(issuingCa.signer().pkcs12()).isEmpty();
        assertThat(issuingCa.signer().password()).isNull();
    }

    @Test
    void shipped_valuesItWritesAreTheRealDefaults() throws Exception {
        ServerConfig c = ConfigFile.load(SHIPPED, ENV);
        PostgresStoreConfig defaults = PostgresStoreConfig.of("jdbc:postgresql://x/y", null, null);
        PostgresStoreConfig store = store(c);
        assertThat(store.poolSize()).isEqualTo(defaults.poolSize());
        assertThat(store.connectionTimeout()).isEqualTo(defaults.connectionTimeout());
        assertThat(store.statementTimeout()).isEqualTo(defaults.statementTimeout());
        assertThat(store.reconcilePeriod()).isEqualTo(defaults.reconcilePeriod());
        assertThat(c.server().limits()).isEqualTo(HttpLimits.defaults());
        for (ResponderConfig r : c.responders()) {
            assertThat(r.settings()).as(r.name()).isEqualTo(ResponderSettings.defaults());
        }
        ServerConfig minimal = ConfigFile.load(write(minimal("", "", "", "")), Map.of());
        assertThat(c.server().ioThreads()).isEqualTo(minimal.server().ioThreads());
        assertThat(c.server().signingQueue()).isEqualTo(minimal.server().signingQueue());
        assertThat(c.server().shutdownGrace()).isEqualTo(minimal.server().shutdownGrace());
        assertThat(c.admin()).isEqualTo(minimal.admin());
        // the values the shipped file writes out are the records' defaults, not copies that could drift
        ServerConfig.Server server = ServerConfig.Server.defaults();
        assertThat(c.server().ioThreads()).isEqualTo(server.ioThreads());
        assertThat(c.server().signingQueue()).isEqualTo(server.signingQueue());
        assertThat(c.server().signingProvider()).isEqualTo(server.signingProvider());
        assertThat(c.server().shutdownGrace()).isEqualTo(server.shutdownGrace());
        assertThat(c.server().certificateExpiryWarning()).isEqualTo(server.certificateExpiryWarning());
        HeapBudget heap = HeapBudget.ofThisJvm();
        long autoBytes = heap.autoResponseBytes(c.responders().size()) >> 20 << 20;
        assertThat(c.cache())
                .isEqualTo(new ServerConfig.Cache(
                        new CacheSettings(
                                autoBytes,
                                CacheSettings.defaults().refreshFraction(),
                                CacheSettings.defaults().precompute(),
                                CacheSettings.defaults().refreshPerSecond(),
                                heap.autoStatuses(c.responders().size(), autoBytes)),
                        ServerConfig.Cache.defaults().threads()));
        assertThat(c.admin().map(ShippedConfigTest::hostPort)).contains(ServerConfig.DEFAULT_ADMIN_LISTEN);
        assertThat(c.responders()).allSatisfy(r -> assertThat(r.path()).isEqualTo(ResponderConfig.DEFAULT_PATH));
    }

    @Test
    void documentedDefaults_areTheRecordsDefaults() throws Exception {
        CacheSettings cache = CacheSettings.defaults();
        assertThat(documentation("cache", "enabled")).contains("Default: " + cache.enabled());
        assertThat(documentation("cache", "maxMegabytes")).contains("Default: auto");
        assertThat(documentation("cache", "refreshFraction")).contains("Default: " + cache.refreshFraction());
        assertThat(documentation("cache", "precompute"))
                .contains("Default: "
                        + String.join(
                                ", ",
                                cache.precompute().stream()
                                        .map(HashAlgorithm::label)
                                        .sorted()
                                        .toList()));
        assertThat(documentation("cache", "refreshPerSecond")).contains("Default: " + cache.refreshPerSecond());
        assertThat(documentation("cache", "maxStatuses")).contains("Default: auto");
        assertThat(documentation("cache", "threads"))
                .contains("Default: " + ServerConfig.Cache.defaults().threads());
        ServerConfig.Server server = ServerConfig.Server.defaults();
        assertThat(documentation("server", "signingQueue")).contains("Default: " + server.signingQueue());
        assertThat(documentation("server", "signingProvider"))
                .contains("Default: " + server.signingProvider().label());
        assertThat(documentation("server", "shutdownGrace"))
                .contains("Default: " + Section.human(server.shutdownGrace()));
        assertThat(documentation("server", "certificateExpiryWarning"))
                .contains("Default: " + Section.human(server.certificateExpiryWarning()));
        assertThat(documentation("database", "poolSize")).contains("Default: " + PostgresStoreConfig.DEFAULT_POOL_SIZE);
        assertThat(documentation("database", "statementTimeout"))
                .contains("Default: " + Section.human(PostgresStoreConfig.DEFAULT_STATEMENT_TIMEOUT));
        assertThat(documentation("admin", "listen")).contains("Default: " + ServerConfig.DEFAULT_ADMIN_LISTEN);
        assertThat(documentation("responders", "validity"))
                .contains(
                        "Default: " + Section.human(ResponderSettings.defaults().validity()));
    }

    @Test
    void shipped_secretsInSingleQuotesSurviveYamlSpecialCharacters() throws Exception {
        String password = "p#ss: \"w\\rd\" {x} & *y";
        ServerConfig c = ConfigFile.load(
                SHIPPED,
                Map.of(
                        "OCSP_DB_PASSWORD",
                        password,
                        "OCSP_ROOT_SIGNER_PASSWORD",
                        "x",
                        "OCSP_DB_HOST",
                        "db02",
                        "OCSP_DB_USER",
                        "reader"));
        assertThat(store(c).password()).isEqualTo(password);
        assertThat(store(c).jdbcUrl()).isEqualTo("jdbc:postgresql://db02:5432/ocsp");
        assertThat(store(c).user()).isEqualTo("reader");
    }

    @Test
    void shipped_namesEverySettingConfigFileReads() throws IOException {
        StringBuilder sources = new StringBuilder(Files.readString(CONFIG_FILE_SOURCE, StandardCharsets.UTF_8));
        sources.append(Files.readString(SIGNER_SECTION_SOURCE, StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.walk(SOURCE_BINDINGS)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith("Kind.java"))
                    .toList()) {
                sources.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        String source = sources.toString();
        Matcher m = Pattern.compile("\\.(?:string|requiredString|optionalString|integer|bool|duration|choice|address"
                        + "|requiredPath|optionalPath|child|list|has|name)\\(\\s*\"([A-Za-z0-9.]+)\"")
                .matcher(source);
        TreeSet<String> keys = new TreeSet<>();
        while (m.find()) {
            keys.addAll(List.of(m.group(1).split("\\.")));
        }
        // a guard against the pattern silently matching nothing after a refactoring
        assertThat(keys).hasSizeGreaterThan(30).contains("validity", "pkcs12", "dataDir", "shutdownGrace");
        String yaml = Files.readString(SHIPPED, StandardCharsets.UTF_8);
        List<String> missing = keys.stream()
                .filter(k -> !Pattern.compile("(?m)^[ \\t]*(#[ \\t]*)*(-[ \\t]+)?" + Pattern.quote(k) + ":")
                        .matcher(yaml)
                        .find())
                .toList();
        assertThat(missing)
                .as("settings ConfigFile reads that config/responder.yaml does not show")
                .isEmpty();
    }

    /** A setting: where it is, its documented default and range, and how to see it in a loaded configuration. */
    record Setting(
            String section,
            String key,
            String documentedDefault,
            String min,
            String max,
            Function<ServerConfig, Object> value) {
        @Override
        public String toString() {
            return section + "." + key;
        }
    }

    static Stream<Setting> settings() {
        return Stream.of(
                new Setting("database", "poolSize", "8", "1", "200", c -> store(c).poolSize()),
                new Setting("database", "connectionTimeout", "2s", "250ms", "1m", c -> store(c).connectionTimeout()),
                new Setting("database", "statementTimeout", "2s", "10ms", "1m", c -> store(c).statementTimeout()),
                new Setting("database", "reconcilePeriod", "2s", "100ms", "10m", c -> store(c).reconcilePeriod()),
                new Setting(
                        "server", "ioThreads", "0", "0", "256", c -> c.server().ioThreads()),
                new Setting(
                        "server",
                        "signingThreads",
                        null,
                        "1",
                        "256",
                        c -> c.server().signingThreads()),
                new Setting(
                        "server",
                        "signingQueue",
                        "1000",
                        "1",
                        "1000000",
                        c -> c.server().signingQueue()),
                new Setting(
                        "server",
                        "maxBodyBytes",
                        "16384",
                        "512",
                        "1048576",
                        c -> c.server().limits().maxBodyBytes()),
                new Setting(
                        "server",
                        "maxUriBytes",
                        "8192",
                        "512",
                        "65536",
                        c -> c.server().limits().maxUriBytes()),
                new Setting(
                        "server",
                        "maxHeaderBytes",
                        "8192",
                        "1024",
                        "65536",
                        c -> c.server().limits().maxHeaderBytes()),
                new Setting(
                        "server",
                        "requestTimeout",
                        "10s",
                        "100ms",
                        "5m",
                        c -> c.server().limits().requestTimeout()),
                new Setting(
                        "server",
                        "idleTimeout",
                        "60s",
                        "1s",
                        "1h",
                        c -> c.server().limits().idleTimeout()),
                new Setting(
                        "server",
                        "maxConnections",
                        "10000",
                        "1",
                        "1000000",
                        c -> c.server().limits().maxConnections()),
                new Setting(
                        "server",
                        "cacheMaxAge",
                        "1h",
                        "1s",
                        "10d",
                        c -> c.server().limits().maxAge()),
                new Setting(
                        "server",
                        "shutdownGrace",
                        "10s",
                        "0s",
                        "5m",
                        c -> c.server().shutdownGrace()),
                new Setting(
                        "admin",
                        "listen",
                        "127.0.0.1:9402",
                        null,
                        null,
                        c -> c.admin().map(ShippedConfigTest::hostPort)),
                new Setting(
                        "responders",
                        "listen",
                        "0.0.0.0:9401",
                        null,
                        null,
                        c -> Optional.of(hostPort(c.responders().get(0).listen()))),
                new Setting(
                        "responders",
                        "path",
                        "/",
                        null,
                        null,
                        c -> c.responders().get(0).path()),
                new Setting(
                        "responders",
                        "validity",
                        "4d",
                        "8h",
                        "10d",
                        c -> c.responders().get(0).settings().validity()),
                new Setting(
                        "responders",
                        "unknownSerial",
                        "unknown",
                        null,
                        null,
                        c -> lower(c.responders().get(0).settings().unknownSerial())),
                new Setting(
                        "responders",
                        "nonce",
                        "echo",
                        null,
                        null,
                        c -> lower(c.responders().get(0).settings().nonce())),
                new Setting(
                        "responders",
                        "responderId",
                        "byKey",
                        null,
                        null,
                        c -> c.responders().get(0).settings().responderIdByName() ? "byName" : "byKey"),
                new Setting(
                        "responders",
                        "maxCertIds",
                        "32",
                        "1",
                        "1000",
                        c -> c.responders().get(0).settings().maxCertIds()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void documentedDefaultAndRange_areTheLoaders(Setting s) throws Exception {
        String doc = documentation(s.section(), s.key());
        ServerConfig minimal = ConfigFile.load(write(minimal("", "", "", "")), Map.of());
        Object actual = s.value().apply(minimal);
        if (s.documentedDefault() != null) {
            assertThat(doc).contains("Default: " + s.documentedDefault());
            assertThat(actual).isEqualTo(expected(s.documentedDefault(), actual));
        } else {
            // signingThreads: "the number of CPUs, at least 2"
            assertThat(doc).contains("Default: the number of CPUs, at least 2");
            assertThat(actual).isEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
        }
        if (s.min() == null) {
            return;
        }
        assertThat(doc).contains("Range: " + s.min() + ".." + s.max());
        assertThat(s.value().apply(load(s, s.min()))).isEqualTo(expected(s.min(), actual));
        assertThat(s.value().apply(load(s, s.max()))).isEqualTo(expected(s.max(), actual));
        String name = (s.section().equals("responders") ? "responders[0]" : s.section()) + "." + s.key();
        for (String outside : outside(s, actual)) {
            assertThatThrownBy(() -> load(s, outside))
                    .as(outside)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(name + ": ")
                    .hasMessageContaining("is outside");
        }
    }

    @Test
    void documentedChoices_areAccepted() throws Exception {
        assertThat(documentation("responders", "unknownSerial")).contains("unknown", "unauthorized", "revoked");
        for (UnknownSerialPolicy p : UnknownSerialPolicy.values()) {
            assertThat(load("", "", "", "    unknownSerial: " + lower(p) + "\n")
                            .responders()
                            .get(0)
                            .settings()
                            .unknownSerial())
                    .isEqualTo(p);
        }
        assertThat(documentation("responders", "nonce")).contains("echo", "ignore");
        for (NoncePolicy p : NoncePolicy.values()) {
            assertThat(load("", "", "", "    nonce: " + lower(p) + "\n")
                            .responders()
                            .get(0)
                            .settings()
                            .nonce())
                    .isEqualTo(p);
        }
        assertThat(documentation("server", "signingProvider")).contains("auto", "aws-lc", "bouncycastle");
        for (SignatureProvider p : SignatureProvider.values()) {
            assertThat(load("", "  signingProvider: " + p.label() + "\n", "", "")
                            .server()
                            .signingProvider())
                    .isEqualTo(p);
        }
        assertThatThrownBy(() -> load("", "  signingProvider: openssl\n", "", ""))
                .hasMessageContaining("server.signingProvider")
                .hasMessageContaining("auto, aws-lc, bouncycastle");
        assertThat(documentation("responders", "responderId")).contains("byKey", "byName");
        assertThat(load("", "", "", "    responderId: byName\n")
                        .responders()
                        .get(0)
                        .settings()
                        .responderIdByName())
                .isTrue();
        assertThat(documentation("admin", "listen")).contains("\"off\"");
        assertThat(load("", "", "  listen: \"off\"\n", "").admin()).isEmpty();
    }

    @Test
    void documentedEmbeddedDatabase_loadsWithItsDefaults() throws Exception {
        assertThat(documentation("database", "embedded")).contains("Default: absent");
        assertThat(documentation("database", "port")).contains("Range: 1..65535");
        String yaml = """
                database:
                  embedded:
                    dataDir: pgdata
                    port: 15432
                responders:
                  - name: r
                    issuers:
                      - label: ca
                        certificate: ca.pem
                        signer: {certificate: s.pem, key: s.key}
                """;
        ServerConfig c = ConfigFile.load(write(yaml), Map.of());
        assertThat(embedded(c)).hasValueSatisfying(e -> {
            assertThat(e.dataDir()).isEqualTo(dir.resolve("pgdata"));
            assertThat(e.port()).isEqualTo(15432);
        });
        assertThat(store(c).jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:15432/postgres");
        assertThat(store(c).user()).isEqualTo("postgres");
        assertThatThrownBy(() -> ConfigFile.load(write(yaml.replace("15432", "0")), Map.of()))
                .hasMessageContaining("database.embedded.port: 0 is outside 1..65535");
    }

    // --- docker/responder.yaml ---------------------------------------------------------------

    @Test
    void docker_loadsWithItsEnvironmentVariables() throws Exception {
        ServerConfig c = ConfigFile.load(DOCKER, Map.of("OCSP_DB_PASSWORD", "db-secret"));
        assertThat(store(c).jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/ocsp");
        assertThat(store(c).user()).isEqualTo("ocsp");
        assertThat(store(c).password()).isEqualTo("db-secret");
        // the image's HEALTHCHECK and the published metrics port need the admin listener on all interfaces
        assertThat(c.admin()).contains(new InetSocketAddress("0.0.0.0", 9402));
        // on the 'responses' volume of compose.yaml, owned by the image's user
        assertThat(c.cache().storeDirectory()).contains(Path.of("/var/lib/ocsp-responder/store"));
        assertThat(c.responders()).singleElement().satisfies(r -> {
            assertThat(r.listen()).isEqualTo(new InetSocketAddress("0.0.0.0", 9401));
            assertThat(r.issuers().get(0).signer().key())
                    .contains(DOCKER.toAbsolutePath().getParent().resolve("pki/responder.key"));
        });
    }

    @Test
    void docker_withoutPassword_namesTheVariable() {
        assertThatThrownBy(() -> ConfigFile.load(DOCKER, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("OCSP_DB_PASSWORD is not set");
    }

    // --- error messages ----------------------------------------------------------------------

    @Test
    void unknownSetting_isNamed() {
        assertThatThrownBy(() -> load("", "", "", "    valdity: 4d\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("responders[0].valdity: unknown setting");
    }

    @Test
    void validityOutsideRange_namesSettingAndRange() {
        assertThatThrownBy(() -> load("", "", "", "    validity: 7h\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("responders[0].validity: 7h is outside 8h..10d");
    }

    @Test
    void unsetVariable_namesVariableAndSetting() {
        String yaml = minimal("  password: ${OCSP_NOT_SET_ANYWHERE}\n", "", "", "");
        assertThatThrownBy(() -> ConfigFile.load(write(yaml), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(": database.password: environment variable OCSP_NOT_SET_ANYWHERE is not set");
    }

    @Test
    void variableInAComment_isLeftAlone_andSecretsWithYamlCharactersSurvive() throws Exception {
        String yaml = minimal("  # password: ${OCSP_NOT_SET_ANYWHERE}\n  password: ${OCSP_SECRET}\n", "", "", "");
        ServerConfig c = ConfigFile.load(write(yaml), Map.of("OCSP_SECRET", "a#b: 'c\" *d"));
        assertThat(store(c).password()).isEqualTo("a#b: 'c\" *d");
        // and the shipped file's comment says so, not that replacement is textual
        assertThat(Files.readString(SHIPPED, StandardCharsets.UTF_8))
                .contains("after the YAML is parsed")
                .contains("comments are left alone")
                .doesNotContain("comments included");
    }

    @Test
    void unquotedOff_turnsTheAdminListenerOff() throws Exception {
        assertThat(load("", "", "  listen: off\n", "").admin()).isEmpty();
    }

    @Test
    void fractionalValidity_namesTheSetting() {
        assertThatThrownBy(() -> load("", "", "", "    validity: 1d500ms\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("responders[0].validity: ")
                .hasMessageContaining("whole seconds");
    }

    @Test
    void variableWithDefault_takesDefaultWhenUnset() throws Exception {
        ServerConfig c = load("  user: ${OCSP_UNSET_USER:-reader}\n", "", "", "");
        assertThat(store(c).user()).isEqualTo("reader");
    }

    @Test
    void invalidYaml_namesTheLine() {
        String yaml = "database:\n  url: jdbc:postgresql://db/ocsp\n  user: [unclosed\nresponders: []\n";
        assertThatThrownBy(() -> ConfigFile.load(write(yaml), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageMatching(".* line [34]: not valid YAML: .*");
    }

    @Test
    void missingResponders_isNamed() {
        assertThatThrownBy(() -> ConfigFile.load(write("database:\n  url: jdbc:postgresql://db/ocsp\n"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(": responders: at least one responder is required");
    }

    @Test
    void signerWithPkcs12AndCertificate_isRefused() {
        String yaml = minimal("", "", "", "")
                .replace("          key: s.key\n", "          key: s.key\n          pkcs12: s.p12\n");
        assertThatThrownBy(() -> ConfigFile.load(write(yaml), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("responders[0].issuers[0].signer")
                .hasMessageContaining("give either certificate and key (PEM), pkcs12, or pkcs11");
    }

    @Test
    void missingFile_isNamed() {
        Path nowhere = dir.resolve("nowhere.yaml");
        assertThatThrownBy(() -> ConfigFile.load(nowhere, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(nowhere + ": no such file");
    }

    // --- helpers -----------------------------------------------------------------------------

    /** The smallest valid file, with extra lines in the database, server, admin and first responder mappings. */
    private static String minimal(String database, String server, String admin, String responder) {
        return "database:\n  url: jdbc:postgresql://db/ocsp\n" + database
                + "server:\n" + server
                + "admin:\n" + admin
                + "responders:\n  - name: r\n" + responder
                + "    issuers:\n      - label: ca\n        certificate: ca.pem\n        signer:\n"
                + "          certificate: s.pem\n          key: s.key\n";
    }

    private ServerConfig load(String database, String server, String admin, String responder) throws Exception {
        return ConfigFile.load(write(minimal(database, server, admin, responder)), Map.of());
    }

    private ServerConfig load(Setting s, String value) throws Exception {
        String line = s.key() + ": " + value + "\n";
        return switch (s.section()) {
            case "database" -> load("  " + line, "", "", "");
            case "server" -> load("", "  " + line, "", "");
            case "admin" -> load("", "", "  " + line, "");
            default -> load("", "", "", "    " + line);
        };
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "responder", ".yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    /** The documented value in the type {@code like} has: an integer, a duration or text. */
    private static Object expected(String documented, Object like) {
        if (like instanceof Integer) {
            return Integer.parseInt(documented);
        } else if (like instanceof Duration) {
            return Section.parseDuration(documented).orElseThrow();
        } else if (like instanceof Optional) {
            return Optional.of(documented);
        }
        return documented;
    }

    /** Values one step outside the documented range. */
    private static List<String> outside(Setting s, Object like) {
        List<String> out = new ArrayList<>();
        if (like instanceof Integer) {
            out.add(Long.toString(Long.parseLong(s.min()) - 1));
            out.add(Long.toString(Long.parseLong(s.max()) + 1));
        } else {
            Duration min = Section.parseDuration(s.min()).orElseThrow();
            Duration max = Section.parseDuration(s.max()).orElseThrow();
            if (!min.isZero()) {
                out.add(min.toMillis() - 1 + "ms");
            }
            out.add(max.toMillis() + 1 + "ms");
        }
        return out;
    }

    /**
     * The comment block right above {@code key}, the first such key after {@code section:} in
     * config/responder.yaml (commented-out keys count: the embedded database is shown that way).
     */
    private static String documentation(String section, String key) throws IOException {
        List<String> lines = Files.readAllLines(SHIPPED, StandardCharsets.UTF_8);
        int at = indexOf(lines, 0, Pattern.compile("^" + Pattern.quote(section) + ":"));
        at = indexOf(lines, at + 1, Pattern.compile("^\\s*(#\\s*)*(-\\s+)?" + Pattern.quote(key) + ":"));
        StringBuilder doc = new StringBuilder();
        for (int i = at - 1; i >= 0; i--) {
            String t = lines.get(i).trim();
            if (!t.startsWith("#") && !t.startsWith("- #")) {
                break;
            }
            doc.insert(0, t + "\n");
        }
        return doc.toString();
    }

    private static int indexOf(List<String> lines, int from, Pattern p) {
        for (int i = from; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        throw new AssertionError("config/responder.yaml has no line matching " + p + " after line " + from);
    }

    private static PostgresStoreConfig store(ServerConfig c) {
        return ((PostgresSettings) c.source()).store();
    }

    private static Optional<Embedded> embedded(ServerConfig c) {
        return ((PostgresSettings) c.source()).embedded();
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("config/responder.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "config/responder.yaml not found above " + Path.of("").toAbsolutePath());
    }
}
