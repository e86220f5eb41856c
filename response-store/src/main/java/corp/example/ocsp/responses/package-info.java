/**
 * The persistent response store: signed responses of one responder kept compactly (the
 * tbsResponseData, signatureAlgorithm and signature, without the signer's certificate, which is
 * appended again when an answer is read) in an LMDB memory-mapped file, so that a restart serves
 * them at once instead of signing them all again, and millions of them take disk and page cache
 * instead of heap. {@link corp.example.ocsp.responses.ResponseStore} is the one public type: a
 * file that is corrupt, of another format or written for other CAs is rebuilt, never served; an
 * entry signed by a key that is not configured any more is not served either; the store keeps the
 * status source's watermark, so a restart knows from where to catch up.
 */
package corp.example.ocsp.responses;
