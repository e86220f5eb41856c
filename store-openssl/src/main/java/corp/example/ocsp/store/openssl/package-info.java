/**
 * A CA's live OpenSSL {@code index.txt} as a status source ({@link
 * corp.example.ocsp.store.openssl.IndexFileSource}): read at start, read again whenever {@code
 * openssl ca} rewrites it (a directory watch plus a cheap stat poll), swapped in only when the whole
 * file parsed, with the serials whose status changed pushed to the change feed. The format itself
 * is {@link corp.example.ocsp.store.openssl.indextxt}'s.
 */
package corp.example.ocsp.store.openssl;
