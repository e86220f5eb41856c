/**
 * A CA's CRLs as its status source ({@link corp.example.ocsp.store.crl.CrlSource}): full and delta
 * CRLs from a file or an HTTP(S) URL (conditional GETs), walked in one pass over their DER into a
 * compact sorted index (no object per entry), used only once their issuer and signature check out
 * (the JDK's providers verify) and their numbers and nextUpdate allow; answers never outlive the CRL.
 */
package corp.example.ocsp.store.crl;
