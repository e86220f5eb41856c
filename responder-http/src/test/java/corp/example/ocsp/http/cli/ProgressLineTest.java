package corp.example.ocsp.http.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    @Test
    void showsCountRateAndEta_atMostEveryQuarterSecond_andEndsTheLineWhenDone() {
        AtomicLong nanos = new AtomicLong();
        StringWriter err = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(err, true), "importing index.txt", nanos::get);

        nanos.set(1_000_000_000L);
        line.at(1000, 4000);
        nanos.set(1_100_000_000L);
        line.at(2000, 4000); // within 250 ms of the last: not shown
        nanos.set(2_000_000_000L);
        line.at(3000, 4000);
        nanos.set(2_050_000_000L);
        line.at(4000, 4000); // the end is always shown

        assertThat(err.toString())
                .isEqualTo("\rimporting index.txt: 1,000 / 4,000 (1,000/s, ETA 3s)"
                        + "\rimporting index.txt: 3,000 / 4,000 (1,500/s, ETA 1s)"
                        + "\rimporting index.txt: 4,000 / 4,000 (1,951/s, done)" + System.lineSeparator());
    }
}
