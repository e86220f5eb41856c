package corp.example.ocsp.testing;

import corp.example.ocsp.testing.pki.TestPki;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A JCA provider standing in for a token that stops answering: SHA256withECDSA computed by Bouncy
 * Castle, except that while {@link #stall()} is in force every {@code sign()} waits until {@link
 * #answer()} (at most 5 minutes), as a hung PKCS#11 call would, and while {@link #fail()} is in
 * force every {@code sign()} throws, as a token that went away does. It counts the signatures in
 * progress ({@link #signing()}) and the most that ever ran at once ({@link #mostAtOnce()}).
 */
public final class StallingProvider extends Provider {
    private static final long serialVersionUID = 1L;
    private transient volatile CountDownLatch stalled;
    private transient volatile boolean failing;
    private final transient java.util.concurrent.atomic.AtomicInteger signing =
            new java.util.concurrent.atomic.AtomicInteger();
    private final transient java.util.concurrent.atomic.AtomicInteger mostAtOnce =
            new java.util.concurrent.atomic.AtomicInteger();

    /** The newest instance is the one whose state the signatures follow. */
    public StallingProvider() {
        super("Stalling", "1.0", "signs like Bouncy Castle, or hangs when told to");
        put("Signature.SHA256withECDSA", Spi.class.getName());
        INSTANCES.set(this);
    }

    /** How many {@code sign()} calls are in progress now (stalled ones included). */
    public int signing() {
        return signing.get();
    }

    /** The most {@code sign()} calls that were ever in progress at once. */
    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    /** From now on signatures hang until {@link #answer()}. */
    public void stall() {
        stalled = new CountDownLatch(1);
        INSTANCES.set(this);
    }

    /** From now on signatures fail with a SignatureException until {@link #answer()}. */
    public void fail() {
        failing = true;
        INSTANCES.set(this);
    }

    /** Lets the hanging signatures finish and new ones run at once. */
    public void answer() {
        failing = false;
        CountDownLatch latch = stalled;
        stalled = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    private static final java.util.concurrent.atomic.AtomicReference<StallingProvider> INSTANCES =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** The SPI: Bouncy Castle's, with the stall before {@code sign()}. */
    public static final class Spi extends SignatureSpi {
        private final Signature delegate;

        public Spi() throws GeneralSecurityException {
            delegate = Signature.getInstance("SHA256withECDSA", TestPki.provider());
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            delegate.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            delegate.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            delegate.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            delegate.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            StallingProvider p = INSTANCES.get();
            if (p == null) {
                return delegate.sign();
            }
            p.mostAtOnce.accumulateAndGet(p.signing.incrementAndGet(), Math::max);
            try {
                return stallOrSign(p);
            } finally {
                p.signing.decrementAndGet();
            }
        }

        private byte[] stallOrSign(StallingProvider p) throws SignatureException {
            if (p.failing) {
                throw new SignatureException("CKR_DEVICE_REMOVED (stand-in)");
            }
            CountDownLatch latch = p.stalled;
            if (latch != null) {
                try {
                    latch.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SignatureException("interrupted while stalled", e);
                }
            }
            return delegate.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            return delegate.verify(sigBytes);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
