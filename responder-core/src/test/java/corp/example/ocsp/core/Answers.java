package corp.example.ocsp.core;

import static org.assertj.core.api.Assertions.assertThat;

/** The two kinds of answer, checked before their own properties are asserted. */
final class Answers {
    private Answers() {}

    /** {@code answer}, which must be a signed response. */
    static OcspAnswer.Signed signed(OcspAnswer answer) {
        assertThat(answer).as("a signed answer").isInstanceOf(OcspAnswer.Signed.class);
        return (OcspAnswer.Signed) answer;
    }

    /** {@code answer}, which must be an unsigned error status. */
    static OcspAnswer.Unsigned unsigned(OcspAnswer answer) {
        assertThat(answer).as("an unsigned answer").isInstanceOf(OcspAnswer.Unsigned.class);
        return (OcspAnswer.Unsigned) answer;
    }
}
