package corp.example.ocsp.core.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SerialNumbersTest {
    @Test
    void hex_isUpperCaseInWholeOctets_asOpensslPrintsSerials() {
        assertThat(SerialNumbers.hex(BigInteger.ZERO)).isEqualTo("00");
        assertThat(SerialNumbers.hex(BigInteger.ONE)).isEqualTo("01");
        assertThat(SerialNumbers.hex(BigInteger.valueOf(0x7F))).isEqualTo("7F");
        assertThat(SerialNumbers.hex(BigInteger.valueOf(0x80))).isEqualTo("80"); // no sign octet
        assertThat(SerialNumbers.hex(BigInteger.valueOf(0x1234))).isEqualTo("1234");
        assertThat(SerialNumbers.hex(BigInteger.valueOf(0x123))).isEqualTo("0123");
        assertThat(SerialNumbers.hex(new BigInteger("00FF" + "00".repeat(19), 16)))
                .isEqualTo("FF" + "00".repeat(19));
        assertThat(SerialNumbers.hex(BigInteger.valueOf(-0x80))).isEqualTo("-80");
        assertThat(SerialNumbers.hex(BigInteger.valueOf(-5))).isEqualTo("-05");
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
            assertThat(SerialNumbers.hex(serial)).as("serial %s", serial).isEqualTo(expected);
        }
    }

    @Test
    void parseHex_acceptsTheFormsPeopleWrite() {
        assertThat(SerialNumbers.parseHex("0x1a:2B")).isEqualTo(BigInteger.valueOf(0x1a2b));
        assertThat(SerialNumbers.parseHex(" 1a 2b ")).isEqualTo(BigInteger.valueOf(0x1a2b));
        assertThat(SerialNumbers.parseHex("-05")).isEqualTo(BigInteger.valueOf(-5));
    }

    @Test
    void parseHex_refusesWhatIsNotHexOrTooLong_namingTheText() {
        assertThatThrownBy(() -> SerialNumbers.parseHex("12G4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed serial '12G4': expected hex digits such as 1A2B or 0x1a2b");
        assertThatThrownBy(() -> SerialNumbers.parseHex("--1")).hasMessageContaining("expected hex digits");
        assertThatThrownBy(() -> SerialNumbers.parseHex("")).hasMessageContaining("expected hex digits");
        assertThatThrownBy(() -> SerialNumbers.parseHex("7f" + "00".repeat(64)))
                .hasMessageEndingWith(": longer than 64 octets");
    }
}
