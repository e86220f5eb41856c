package corp.example.ocsp.core.request;

import corp.example.ocsp.core.response.ErrorStatus;
import java.util.Objects;

/** The request cannot be answered: {@code status} is the OCSP error to send, {@code reason} is for logs. */
public record ParseFailure(ErrorStatus status, String reason) implements ParseResult {
    public ParseFailure {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    static ParseFailure malformed(String reason) {
        return new ParseFailure(ErrorStatus.MALFORMED_REQUEST, reason);
    }
}
