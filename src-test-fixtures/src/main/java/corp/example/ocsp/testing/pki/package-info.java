/**
 * A fluent test PKI built with Bouncy Castle, modelled on Netty's {@code pkitesting}.
 *
 * <pre>{@code
 * Ca root = TestPki.newRoot("Test Root").keyType(KeyType.EC_P384).build();
 * Ca issuing = root.issueIntermediate("Test Issuing CA").build();
 * CertBundle signer = issuing.issueOcspSigner("Test OCSP Signer").build();
 * CertBundle leaf = issuing.issueLeaf("www.example.test").dnsNames("www.example.test")
 *     .ocspUrl("http://ocsp.example.test/").build();
 * signer.writePkcs12(dir.resolve("signer.p12"), "secret".toCharArray());
 * }</pre>
 *
 * <p>{@link corp.example.ocsp.testing.pki.TestPki} starts a root;
 * {@link corp.example.ocsp.testing.pki.Ca} issues intermediates, delegated OCSP signers and
 * leaves; each {@code build()} generates a fresh key pair (unless one is given) of the chosen
 * {@link corp.example.ocsp.testing.pki.KeyType} and returns a
 * {@link corp.example.ocsp.testing.pki.CertBundle} (certificate, key, issuer) that writes the PEM
 * and PKCS#12 files external tools and the responder's configuration read
 * ({@link corp.example.ocsp.testing.pki.KeyFormat}). Nothing is cached between builds.
 */
package corp.example.ocsp.testing.pki;
