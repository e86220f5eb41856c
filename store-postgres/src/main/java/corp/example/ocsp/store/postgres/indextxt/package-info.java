/**
 * OpenSSL's CA database, {@code index.txt}: one line per certificate the CA issued, with its
 * state (V valid, R revoked, E expired), expiry, revocation time and reason, serial and subject.
 * {@link corp.example.ocsp.store.postgres.indextxt.IndexTxt} parses it strictly, naming the line of
 * any error, for {@link corp.example.ocsp.store.postgres.StoreAdmin#importIndexTxt}.
 */
package corp.example.ocsp.store.postgres.indextxt;
