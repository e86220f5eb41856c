package corp.example.ocsp.http.soak;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.http.soak.Tally.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A short soak in the suite (about 35 s): 24 s of mixed load with one 5 s stop of PostgreSQL,
 * revocations streaming in through StoreAdmin and the command line. {@code scripts/soak} runs the
 * same test for minutes, with settings from system properties (see {@link
 * SoakSettings#fromSystemProperties()}), a floor on the answers per second, and the report written
 * to {@code soak.report}; the suite's run logs the report.
 */
class SoakTest {
    @TempDir
    Path dir;

    @Test
    void mixedLoadWithRevocationsAndDatabaseRestarts_hasNoWrongOrBadAnswersAndLosesNoRevocation() throws Exception {
        SoakSettings settings = SoakSettings.fromSystemProperties();

        SoakReport report = Soak.run(settings, dir);

        String text = report.render();
        LoggerFactory.getLogger(SoakTest.class).info("soak report:\n{}", text);
        String file = System.getProperty("soak.report");
        if (file != null && !file.isBlank()) {
            Files.writeString(Path.of(file), text);
        }
        Tally.Snapshot load = report.load();
        assertThat(load.count(Outcome.BAD)).as("bad answers\n%s", text).isZero();
        assertThat(load.wrongAnswers()).as("wrong answers\n%s", text).isZero();
        assertThat(report.end().count(Outcome.BAD) + report.end().wrongAnswers())
                .as("bad or wrong at the end\n%s", text)
                .isZero();
        assertThat(report.outages()).as("PostgreSQL outages").hasSize(settings.restarts());
        // traffic of every kind; the rate is in the logged report, and scripts/soak holds it to a floor
        assertThat(load.count(Outcome.GOOD)).as("good answers").isPositive();
        assertThat(load.count(Outcome.REVOKED)).as("revoked answers").isPositive();
        assertThat(load.count(Outcome.UNKNOWN)).as("unknown answers").isPositive();
        assertThat(load.withNonce()).as("answers with a nonce").isPositive();
        SoakReport.Revocations r = report.revocations();
        assertThat(r.made()).as("revocations made").isGreaterThanOrEqualTo(10);
        assertThat(r.viaCli()).as("revocations made with the command line").isPositive();
        assertThat(r.beforeStop())
                .as("revocations committed just before PostgreSQL stopped")
                .isEqualTo(settings.restarts());
        assertThat(r.visibleAtEnd()).as("revocations visible at the end").isEqualTo(r.made());
        assertThat(r.abandoned()).as("revocations never committed").isZero();
        assertThat(report.steady().count())
                .as("revocations timed in steady stretches")
                .isPositive();
        assertThat(report.steady().max())
                .as("slowest steady revocation")
                .isLessThanOrEqualTo(settings.visibilityBound());
        assertThat(report.problems()).as(text).isEmpty();
    }
}
