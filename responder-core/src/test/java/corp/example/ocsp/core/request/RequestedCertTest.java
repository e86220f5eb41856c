package corp.example.ocsp.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestedCertTest {
    @Test
    void hex_isUpperCaseInWholeOctets_asOpensslPrintsSerials() {
        assertThat(RequestedCert.hex(BigInteger.ZERO)).isEqualTo("00");
        assertThat(RequestedCert.hex(BigInteger.ONE)).isEqualTo("01");
        assertThat(RequestedCert.hex(BigInteger.valueOf(0x7F))).isEqualTo("7F");
        assertThat(RequestedCert.hex(BigInteger.valueOf(0x80))).isEqualTo("80"); // no sign octet
        assertThat(RequestedCert.hex(BigInteger.valueOf(0x1234))).isEqualTo("1234");
        assertThat(RequestedCert.hex(BigInteger.valueOf(0x123))).isEqualTo("0123");
        assertThat(RequestedCert.hex(new BigInteger("00FF" + "00".repeat(19), 16))).isEqualTo("FF" + "00".repeat(19));
        assertThat(RequestedCert.hex(BigInteger.valueOf(-0x80))).isEqualTo("-80");
        assertThat(RequestedCert.hex(BigInteger.valueOf(-5))).isEqualTo("-05");
    }

    @Test
    void hex_agreesWithRadixConversion_forRandomSerialsOfEveryLength() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            BigInteger serial = new BigInteger(1 + random.nextInt(168), random);
            if (random.nextInt(8) == 0) {
                serial = serial.negate();
            }
            String digits = serial.abs().toString(16).toUpperCase(Locale.ROOT);
            String expected = (serial.signum() < 0 ? "-" : "") + (digits.length() % 2 == 1 ? "0" : "") + digits;
            assertThat(RequestedCert.hex(serial)).as("serial %s", serial).isEqualTo(expected);
        }
    }
}
