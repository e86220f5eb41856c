/**
 * The {@code index:} setting of an {@code issuers} entry: the CA's live OpenSSL {@code index.txt}
 * ({@code store-openssl}'s {@link corp.example.ocsp.store.openssl.IndexFileSource}) as its status
 * source. {@code openssl ca} is the record: the admin writes for the CA refuse, naming {@code openssl
 * ca -revoke}; {@code status} shows the line as the file holds it.
 */
package corp.example.ocsp.http.source.index;
