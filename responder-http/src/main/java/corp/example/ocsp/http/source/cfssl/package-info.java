/**
 * The {@code cfssl:} section: a CFSSL CA's certdb as the status source, named by the db-config JSON
 * file CFSSL itself reads ({@code cfssl: {dbConfig: /etc/cfssl/db-config.json, freshness: 500ms}}).
 * CFSSL is the record: the admin writes refuse, naming {@code cfssl revoke} and {@code cfssl sign};
 * {@code status} shows the row as CFSSL holds it and {@code issuer list} which CAs the certdb holds
 * certificates for. Cached answers follow the certdb through a freshness bound (no change feed:
 * nothing is added to CFSSL's schema).
 */
package corp.example.ocsp.http.source.cfssl;
