package corp.example.ocsp.http.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import corp.example.ocsp.core.status.FeedState;
import corp.example.ocsp.core.status.StatusFeed;
import corp.example.ocsp.http.server.AdminServer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /status}: what an operator (or an alerting job) needs beside the load balancer's yes or
 * no, each part on its own: the readiness {@code /readyz} gives, the status store's last check,
 * the change feed (pushed or catching up by reconcile, how long since it last caught up), the
 * cache (on, filled, how many responses) and the signers' problems. One JSON object.
 */
final class StatusReport {
    private static final JsonFactory JSON = new JsonFactory();
    private final Readiness readiness;
    private final SignerExpiry signers;
    private final Optional<StatusFeed> feed;
    private final Clock clock;

    StatusReport(Readiness readiness, SignerExpiry signers, Optional<StatusFeed> feed, Clock clock) {
        this.readiness = readiness;
        this.signers = signers;
        this.feed = feed;
        this.clock = clock;
    }

    /** The report, as one JSON object. */
    String json() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            AdminServer.Readiness r = readiness.readiness();
            g.writeStartObject();
            g.writeStringField("readiness", r.word());
            g.writeStringField("detail", r.detail());
            g.writeObjectFieldStart("store");
            g.writeBooleanField("reachable", readiness.sourceReachable());
            g.writeStringField("problem", readiness.sourceProblem());
            g.writeStringField("degraded", readiness.sourceDegraded());
            g.writeEndObject();
            writeFeed(g);
            Readiness.CacheFill fill = readiness.cacheFill();
            g.writeObjectFieldStart("cache");
            g.writeBooleanField("enabled", fill.enabled());
            g.writeBooleanField("filled", fill.filled());
            g.writeNumberField("responses", fill.responses());
            g.writeEndObject();
            List<String> problems = new ArrayList<>(signers.expired());
            problems.addAll(signers.unavailable());
            g.writeArrayFieldStart("signerProblems");
            for (String p : problems) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private void writeFeed(JsonGenerator g) throws IOException {
        Optional<FeedState> state = feed.flatMap(StatusFeed::state);
        if (state.isEmpty()) {
            g.writeNullField("feed");
            return;
        }
        FeedState f = state.get();
        Instant now = clock.instant();
        g.writeObjectFieldStart("feed");
        g.writeBooleanField("pushed", f.pushed());
        if (f.caughtUpAt().isPresent()) {
            g.writeStringField("caughtUpAt", f.caughtUpAt().get().toString());
            Duration lag = f.lag(now).orElseThrow();
            g.writeNumberField("lagSeconds", lag.toMillis() / 1000.0);
        } else {
            g.writeNullField("caughtUpAt");
            g.writeNullField("lagSeconds");
        }
        g.writeStringField("detail", f.detail());
        g.writeEndObject();
    }
}
