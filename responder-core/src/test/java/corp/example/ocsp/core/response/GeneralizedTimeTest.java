package corp.example.ocsp.core.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.junit.jupiter.api.Test;

class GeneralizedTimeTest {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    @Test
    void responseTimesAreTheDerBytesOfTheSecondInUtc() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochMilli((long) (random.nextDouble() * 253_402_300_799_000L));
            assertThat(ResponseEncoder.time(t).getEncoded(ASN1Encoding.DER))
                    .as("%s", t)
                    .isEqualTo(expected(t));
        }
        for (String edge : new String[] {
            "1970-01-01T00:00:00Z",
            "1999-12-31T23:59:59.999Z",
            "2000-02-29T12:00:00Z",
            "2049-12-31T23:59:59Z",
            "2050-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z"
        }) {
            Instant t = Instant.parse(edge);
            assertThat(ResponseEncoder.time(t).getEncoded(ASN1Encoding.DER))
                    .as(edge)
                    .isEqualTo(expected(t));
        }
    }

    @Test
    void theTimeReadsBackAsTheSameSecond() throws Exception {
        Instant t = Instant.parse("2026-12-02T03:45:07.250Z");
        assertThat(ResponseEncoder.time(t).getDate().toInstant()).isEqualTo(Instant.parse("2026-12-02T03:45:07Z"));
        assertThat(ResponseEncoder.time(t).getTimeString()).isEqualTo("20261202034507Z");
    }

    @Test
    void aYearWithoutFourDigitsIsRefused() {
        assertThatThrownBy(() -> ResponseEncoder.time(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GeneralizedTime");
    }

    private static byte[] expected(Instant t) throws Exception {
        return new DERGeneralizedTime(FORMAT.format(t.truncatedTo(ChronoUnit.SECONDS))).getEncoded(ASN1Encoding.DER);
    }
}
