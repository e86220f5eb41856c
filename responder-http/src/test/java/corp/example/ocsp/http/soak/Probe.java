package corp.example.ocsp.http.soak;

import corp.example.ocsp.http.soak.OcspClient.Transport;
import corp.example.ocsp.testing.ocsp.CertIdHash;
import corp.example.ocsp.testing.ocsp.OcspRequestBuilder;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * One request of the soak: for a certificate of the PKI ({@code leaf}) or for a serial the store
 * does not know ({@code leaf} null), how it is sent, with which CertID hash, and its nonce (or null).
 */
record Probe(Leaf leaf, BigInteger serial, Transport transport, CertIdHash hash, byte[] nonce, byte[] der) {

    static Probe of(
            X509Certificate issuer, Leaf leaf, BigInteger serial, Transport transport, CertIdHash hash, byte[] nonce) {
        OcspRequestBuilder b = OcspRequestBuilder.create().certId(issuer, serial, hash);
        if (nonce != null) {
            b.nonce(nonce);
        }
        return new Probe(leaf, serial, transport, hash, nonce, b.build());
    }

    /** The DER of the CertID asked for, which the answer must echo. */
    byte[] certIdDer() {
        return OcspRequestBuilder.certIdDer(der, 0);
    }

    @Override
    public String toString() {
        return transport.label + " " + hash.name().toLowerCase(Locale.ROOT) + (nonce != null ? " with nonce" : "")
                + " for "
                + (leaf == null ? "unknown serial " + serial.toString(16).toUpperCase(Locale.ROOT) : leaf);
    }
}
