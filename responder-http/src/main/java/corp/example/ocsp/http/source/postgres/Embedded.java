package corp.example.ocsp.http.source.postgres;

import java.nio.file.Path;

/** An embedded PostgreSQL whose data lives in {@code dataDir}, listening on loopback {@code port}. */
public record Embedded(Path dataDir, int port) {}
