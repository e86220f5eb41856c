/**
 * Request parsing: a DER OCSPRequest becomes a {@link corp.example.ocsp.core.request.ParseResult},
 * either a {@link corp.example.ocsp.core.request.ParsedRequest} or a
 * {@link corp.example.ocsp.core.request.ParseFailure} naming the OCSP error status to answer.
 * No exception escapes the parser, whatever the input.
 */
package corp.example.ocsp.core.request;
