/**
 * Builds DER OCSP requests (RFC 6960 §4.1) for tests, including malformed ones: CertIDs with any
 * hash or raw hashes, hash parameters absent, nonces of any length (0 and 129 included),
 * critical and unknown extensions, a requestorName, a version other than v1, an empty request
 * list, signed requests and trailing bytes.
 *
 * <p>{@link corp.example.ocsp.testing.ocsp.OcspRequestBuilder} builds the request;
 * {@link corp.example.ocsp.testing.ocsp.CertIdHash} names the CertID hash algorithms and
 * computes their digests.
 */
package corp.example.ocsp.testing.ocsp;
