package corp.example.ocsp.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DateFormatter;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class HttpDatesTest {
    @Test
    void rendersEveryInstantAsNettyDoes_evenWhenInstantsShareAMemoSlot() {
        Instant base = Instant.parse("2026-11-22T10:15:30.750Z");
        for (long offset : new long[] {0, 1024, 0, 2048, 1, 86_400, 1024, 0}) {
            Instant t = base.plusSeconds(offset);
            assertThat(HttpDates.of(t).text())
                    .isEqualTo(DateFormatter.format(Date.from(t)))
                    .isEqualTo(DateFormatter.format(new Date(t.getEpochSecond() * 1000)));
        }
        assertThat(HttpDates.of(base).text()).isEqualTo("Sun, 22 Nov 2026 10:15:30 GMT");
    }
}
