/**
 * The {@code crl:} setting of an {@code issuers} entry (with {@code deltaCrl}, {@code crlIssuer},
 * {@code crlRefresh}, {@code crlTimeout} and {@code notOnCrl}): the CA's CRLs ({@code store-crl}'s
 * {@link corp.example.ocsp.store.crl.CrlSource}) as its status source. The CA is the record: the
 * admin writes for it refuse.
 */
package corp.example.ocsp.http.source.crl;
