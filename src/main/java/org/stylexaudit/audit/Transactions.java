package org.stylexaudit.audit;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs a piece of SQL work as one transaction on the workspace connection, restoring auto-commit afterwards. */
final class Transactions {

    /** SQL work to commit as a whole. */
    interface Work {
        void run(Connection c) throws SQLException;
    }

    private Transactions() {
    }

    /** Commits {@code work} as one transaction, or rolls it back and rethrows. */
    static void commit(Connection c, Work work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            work.run(c);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
