/**
 * OpenSSL's CA database, {@code index.txt}: one line per certificate the CA issued, with its
 * state (V valid, R revoked, E expired), expiry, revocation time and reason, serial and subject.
 * {@link corp.example.ocsp.store.openssl.indextxt.IndexTxt} parses it strictly, naming the line of
 * any error: the one parser of the format, used by the PostgreSQL store's {@code cert import} and by
 * the live {@code index.txt} status source ({@link corp.example.ocsp.store.openssl.IndexFileSource}).
 */
package corp.example.ocsp.store.openssl.indextxt;
