package corp.example.ocsp.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpLimitsTest {
    @Test
    void eachWither_changesItsOwnLimitAndNoOther() {
        HttpLimits d = HttpLimits.defaults();
        Duration t = Duration.ofMillis(1234);
        assertThat(d.withMaxBodyBytes(1))
                .isEqualTo(new HttpLimits(
                        1,
                        d.maxUriBytes(),
                        d.maxHeaderBytes(),
                        d.requestTimeout(),
                        d.idleTimeout(),
                        d.maxConnections(),
                        d.maxAge()));
        assertThat(d.withMaxUriBytes(2))
                .isEqualTo(new HttpLimits(
                        d.maxBodyBytes(),
                        2,
                        d.maxHeaderBytes(),
                        d.requestTimeout(),
                        d.idleTimeout(),
                        d.maxConnections(),
                        d.maxAge()));
        assertThat(d.withMaxHeaderBytes(3))
                .isEqualTo(new HttpLimits(
                        d.maxBodyBytes(),
                        d.maxUriBytes(),
                        3,
                        d.requestTimeout(),
                        d.idleTimeout(),
                        d.maxConnections(),
                        d.maxAge()));
        assertThat(d.withRequestTimeout(t))
                .isEqualTo(new HttpLimits(
                        d.maxBodyBytes(),
                        d.maxUriBytes(),
                        d.maxHeaderBytes(),
                        t,
                        d.idleTimeout(),
                        d.maxConnections(),
                        d.maxAge()));
        assertThat(d.withIdleTimeout(t))
                .isEqualTo(new HttpLimits(
                        d.maxBodyBytes(),
                        d.maxUriBytes(),
                        d.maxHeaderBytes(),
                        d.requestTimeout(),
                        t,
                        d.maxConnections(),
                        d.maxAge()));
        assertThat(d.withMaxConnections(4))
                .isEqualTo(new HttpLimits(
                        d.maxBodyBytes(),
                        d.maxUriBytes(),
                        d.maxHeaderBytes(),
                        d.requestTimeout(),
                        d.idleTimeout(),
                        4,
                        d.maxAge()));
        assertThat(d.withMaxAge(t))
                .isEqualTo(new HttpLimits(
                        d.maxBodyBytes(),
                        d.maxUriBytes(),
                        d.maxHeaderBytes(),
                        d.requestTimeout(),
                        d.idleTimeout(),
                        d.maxConnections(),
                        t));
    }
}
