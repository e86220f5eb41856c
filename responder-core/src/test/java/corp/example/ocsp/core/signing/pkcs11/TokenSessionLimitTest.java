package corp.example.ocsp.core.signing.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import corp.example.ocsp.core.signing.pkcs11.Pkcs11Module.Token;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** How many signatures a token is given at once, from the session limit it reports. */
class TokenSessionLimitTest {
    private static OptionalInt signatures(long sessionLimit) {
        return new Token(0, "t", sessionLimit).concurrentSignatures();
    }

    @Test
    void effectivelyInfiniteSessions_noLimit() {
        assertThat(signatures(0)).isEmpty();
    }

    @Test
    void aReportedLimit_leavesOneSessionForTheJdksObjectOperations() {
        assertThat(signatures(10)).hasValue(9);
        assertThat(signatures(2)).hasValue(1);
    }

    @Test
    void aTokenWithOneSession_stillSignsOneAtATime() {
        assertThat(signatures(1)).hasValue(1);
    }

    @Test
    void aTokenThatDoesNotSay_getsTheJdksDefaultOf32LessOne() {
        assertThat(signatures(-1)).hasValue(31);
    }
}
