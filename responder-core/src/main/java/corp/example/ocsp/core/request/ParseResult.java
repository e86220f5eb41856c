package corp.example.ocsp.core.request;

/** What {@link RequestParser#parse} made of the request bytes. */
public sealed interface ParseResult permits ParsedRequest, ParseFailure {}
