package corp.example.ocsp.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresStoreConfigTest {
    private final PostgresStoreConfig base = PostgresStoreConfig.of("jdbc:postgresql://db:5432/ocsp", "ocsp", "secret");

    @Test
    void of_hasDocumentedDefaults() {
        assertThat(base.poolSize()).isEqualTo(8);
        assertThat(base.connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(base.statementTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(base.reconcilePeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(base.listenerApplicationName()).isEqualTo("ocsp-responder-listener");
    }

    @Test
    void toString_masksThePassword() {
        assertThat(base.toString()).contains("password=****").doesNotContain("secret");
        assertThat(PostgresStoreConfig.of(
                                "jdbc:postgresql://u:pw-secret@db/ocsp?ssl=true&password=url-secret", "u", null)
                        .safeJdbcUrl())
                .isEqualTo("jdbc:postgresql://u:****@db/ocsp?ssl=true&password=****");
    }

    @Test
    void badSettings_nameTheConceptInTheMessage() {
        assertThatThrownBy(() -> PostgresStoreConfig.of("jdbc:mysql://db/ocsp", "u", null))
                .hasMessage("the JDBC URL jdbc:mysql://db/ocsp is not a jdbc:postgresql: URL");
        assertThatThrownBy(() -> base.withPoolSize(0)).hasMessage("the pool size 0 must be at least 1");
        assertThatThrownBy(() -> base.withReconcilePeriod(Duration.ZERO))
                .hasMessage("the reconcile period PT0S must be at least PT0.01S");
        assertThatThrownBy(() -> base.withListenerBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessage("the longest listener reconnection wait PT1S must be at least PT5S");
    }
}
