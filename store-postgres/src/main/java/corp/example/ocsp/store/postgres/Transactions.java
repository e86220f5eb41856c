package corp.example.ocsp.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Runs one admin write as one transaction: all of it is committed, or none of it. */
final class Transactions {
    /** Admin writes (a bulk import) may run far longer than a lookup's statement timeout. */
    private static final int ADMIN_TIMEOUT_MILLIS = 30 * 60 * 1000;

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Transactions() {}

    /**
     * Runs {@code work} in a transaction; a StoreException it throws rolls back and passes
     * through, a database failure rolls back and becomes a StoreException starting with {@code what}.
     */
    static <T> T run(DataSource pool, String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setNetworkTimeout(Runnable::run, ADMIN_TIMEOUT_MILLIS + 60_000);
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL statement_timeout = " + ADMIN_TIMEOUT_MILLIS);
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(what + ": " + Database.oneLine(e), e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is broken; nothing was committed
        }
    }
}
