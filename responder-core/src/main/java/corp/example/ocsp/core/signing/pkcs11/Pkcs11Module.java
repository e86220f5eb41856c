package corp.example.ocsp.core.signing.pkcs11;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The JDK's own PKCS#11 wrapper ({@code sun.security.pkcs11.wrapper}, module jdk.crypto.cryptoki,
 * the code SunPKCS11 calls), reached by reflection for what SunPKCS11's public API lacks: the
 * tokens' labels, keys found by CKA_LABEL or CKA_ID, and writing a certificate beside a key. The
 * package must be exported to this code ({@code Add-Exports} in the jar's manifest, {@code
 * --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED} otherwise). The JDK
 * initialises a module once per process and SunPKCS11 reuses that instance.
 */
final class Pkcs11Module {
    static final long CKA_CLASS = 0x0;
    static final long CKA_TOKEN = 0x1;
    static final long CKA_LABEL = 0x3;
    static final long CKA_VALUE = 0x11;
    static final long CKA_CERTIFICATE_TYPE = 0x80;
    static final long CKA_KEY_TYPE = 0x100;
    static final long CKA_SUBJECT = 0x101;
    static final long CKA_ID = 0x102;
    static final long CKA_MODULUS = 0x120;
    static final long CKA_PUBLIC_EXPONENT = 0x122;
    static final long CKA_EC_PARAMS = 0x180;
    static final long CKA_EC_POINT = 0x181;
    static final long CKO_CERTIFICATE = 1;
    static final long CKO_PUBLIC_KEY = 2;
    static final long CKO_PRIVATE_KEY = 3;
    static final long CKC_X_509 = 0;
    static final long CKK_RSA = 0;
    static final long CKK_EC = 3;
    static final long CKR_CANTLOCK = 0x0A;
    static final long CKR_PIN_INCORRECT = 0xA0;
    private static final long CKF_RW_SESSION = 2;
    private static final long CKF_SERIAL_SESSION = 4;
    private static final long CKF_OS_LOCKING_OK = 2;
    private static final long CKF_WRITE_PROTECTED = 2; // CK_TOKEN_INFO.flags
    private static final String WRAPPER = "sun.security.pkcs11.wrapper.";

    private final Object p11;
    private final boolean osLocking;

    private Pkcs11Module(Object p11, boolean osLocking) {
        this.p11 = p11;
        this.osLocking = osLocking;
    }

    /**
     * A token: its slot id, label (blanks trimmed) and the session limit SunPKCS11 applies to it:
     * {@code ulMaxRwSessionCount}, or {@code ulMaxSessionCount} for a write-protected token, as the
     * token reports it ({@code 0} is CK_EFFECTIVELY_INFINITE, {@code -1} CK_UNAVAILABLE_INFORMATION).
     */
    record Token(long slot, String label, long sessionLimit) {
        /** SunPKCS11's own figure for a token that does not say (CK_UNAVAILABLE_INFORMATION). */
        static final int JDK_DEFAULT_SESSIONS = 32;

        /**
         * How many signatures may run on the token at once, or empty for no limit: the token's
         * session limit less one session SunPKCS11 keeps for object operations (at least one).
         */
        OptionalInt concurrentSignatures() {
            if (sessionLimit == 0) {
                return OptionalInt.empty();
            }
            long sessions = sessionLimit < 0 ? JDK_DEFAULT_SESSIONS : sessionLimit;
            return OptionalInt.of((int) Math.max(1, Math.min(Integer.MAX_VALUE, sessions - 1)));
        }
    }

    /** A PKCS#11 call that failed: the CKR code (or -1) and the module's words. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final long code;

        Failure(String message, long code, Throwable cause) {
            super(message, cause);
            this.code = code;
        }
    }

    /** Loads and initialises the module at {@code library} (or the one this process already loaded). */
    static Pkcs11Module load(Path library) throws Failure {
        try {
            Class<?> argsClass = wrapper("CK_C_INITIALIZE_ARGS");
            Object args = argsClass.getConstructor().newInstance();
            argsClass.getField("flags").setLong(args, CKF_OS_LOCKING_OK);
            Method getInstance =
                    wrapper("PKCS11").getMethod("getInstance", String.class, String.class, argsClass, boolean.class);
            try {
                return new Pkcs11Module(
                        call(getInstance, null, library.toString(), "C_GetFunctionList", args, false), true);
            } catch (Failure e) {
                if (e.code != CKR_CANTLOCK) {
                    throw e;
                }
                argsClass.getField("flags").setLong(args, 0);
                return new Pkcs11Module(
                        call(getInstance, null, library.toString(), "C_GetFunctionList", args, false), false);
            }
        } catch (ReflectiveOperationException | IllegalAccessError e) {
            throw noWrapper(e);
        }
    }

    /** False when the module refused OS locking: the JDK then serialises every call to it. */
    boolean osLocking() {
        return osLocking;
    }

    List<Token> tokens() throws Failure {
        long[] slots = (long[]) invoke("C_GetSlotList", true);
        List<Token> tokens = new ArrayList<>();
        for (long slot : slots) {
            Object info = invoke("C_GetTokenInfo", slot);
            try {
                char[] label = (char[]) info.getClass().getField("label").get(info);
                long flags = info.getClass().getField("flags").getLong(info);
                String limit = (flags & CKF_WRITE_PROTECTED) != 0 ? "ulMaxSessionCount" : "ulMaxRwSessionCount";
                long max = info.getClass().getField(limit).getLong(info);
                tokens.add(new Token(slot, new String(label).trim(), max));
            } catch (ReflectiveOperationException e) {
                throw noWrapper(e);
            }
        }
        return tokens;
    }

    long openSession(long slot, boolean readWrite) throws Failure {
        long flags = CKF_SERIAL_SESSION | (readWrite ? CKF_RW_SESSION : 0);
        return (Long) invoke("C_OpenSession", slot, flags, null, null);
    }

    void closeSession(long session) throws Failure {
        invoke("C_CloseSession", session);
    }

    /** The handles of the token objects with every attribute of {@code template} (type, value pairs). */
    List<Long> find(long session, Object... template) throws Failure {
        Object attributes = attributes(template);
        Method init = null;
        for (Method m : p11.getClass().getMethods()) {
            if (m.getName().equals("C_FindObjectsInit")) {
                init = m; // (session, template) in JDK 17, (session, template, useContext) later
            }
        }
        if (init == null) {
            throw noWrapper(new NoSuchMethodException("C_FindObjectsInit"));
        }
        if (init.getParameterCount() == 2) {
            call(init, p11, session, attributes);
        } else {
            call(init, p11, session, attributes, true);
        }
        List<Long> handles = new ArrayList<>();
        try {
            long[] batch;
            do {
                batch = (long[]) invoke("C_FindObjects", session, 64L);
                for (long h : batch) {
                    handles.add(h);
                }
            } while (batch.length == 64);
        } finally {
            invoke("C_FindObjectsFinal", session);
        }
        return handles;
    }

    /** The value of one attribute of an object: byte[] for most, Long for CKA_KEY_TYPE, char[] for labels. */
    Object attribute(long session, long handle, long type) throws Failure {
        Object attributes = attributes(type, null);
        invoke("C_GetAttributeValue", session, handle, attributes);
        try {
            Object a = Array.get(attributes, 0);
            return a.getClass().getField("pValue").get(a);
        } catch (ReflectiveOperationException e) {
            throw noWrapper(e);
        }
    }

    /** Creates a token object with the attributes of {@code template}; its handle. */
    long create(long session, Object... template) throws Failure {
        return (Long) invoke("C_CreateObject", session, attributes(template));
    }

    /** Signs {@code data} on the token with the private key {@code key} and the mechanism (CKM_*). */
    byte[] sign(long session, long mechanism, long key, byte[] data) throws Failure {
        try {
            Object m = wrapper("CK_MECHANISM").getConstructor(long.class).newInstance(mechanism);
            invoke("C_SignInit", session, m, key);
            return (byte[]) invoke("C_Sign", session, data);
        } catch (ReflectiveOperationException e) {
            throw noWrapper(e);
        }
    }

    private Object attributes(Object... template) throws Failure {
        try {
            Class<?> type = wrapper("CK_ATTRIBUTE");
            Object array = Array.newInstance(type, template.length / 2);
            Constructor<?> bare = type.getConstructor(long.class);
            Constructor<?> withValue = type.getConstructor(long.class, Object.class);
            Constructor<?> withLong = type.getConstructor(long.class, long.class);
            Constructor<?> withBoolean = type.getConstructor(long.class, boolean.class);
            for (int i = 0; i < template.length; i += 2) {
                long t = (Long) template[i];
                Object v = template[i + 1];
                Object attribute = v == null
                        ? bare.newInstance(t)
                        : v instanceof Long l
                                ? withLong.newInstance(t, l)
                                : v instanceof Boolean b ? withBoolean.newInstance(t, b) : withValue.newInstance(t, v);
                Array.set(array, i / 2, attribute);
            }
            return array;
        } catch (ReflectiveOperationException e) {
            throw noWrapper(e);
        }
    }

    private Object invoke(String name, Object... args) throws Failure {
        for (Method m : p11.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                return call(m, p11, args);
            }
        }
        throw noWrapper(new NoSuchMethodException(name));
    }

    private static Object call(Method m, Object target, Object... args) throws Failure {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new Failure(String.valueOf(cause.getMessage()), errorCode(cause), cause);
        } catch (IllegalAccessException e) {
            throw noWrapper(e);
        }
    }

    private static long errorCode(Throwable t) {
        if (t.getClass().getName().equals(WRAPPER + "PKCS11Exception")) {
            try {
                return (Long) t.getClass().getMethod("getErrorCode").invoke(t);
            } catch (ReflectiveOperationException e) {
                return -1;
            }
        }
        return -1;
    }

    private static Class<?> wrapper(String name) throws ClassNotFoundException {
        return Class.forName(WRAPPER + name);
    }

    private static Failure noWrapper(Throwable e) {
        return new Failure(
                "the JDK's PKCS#11 wrapper is not reachable (" + e + "); run the jar (its manifest exports it) or add"
                        + " --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED",
                -1,
                e);
    }
}
