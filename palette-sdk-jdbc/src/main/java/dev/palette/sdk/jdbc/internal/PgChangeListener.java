package dev.palette.sdk.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one connection listening on the {@code palette_cluster_change} channel and calls back when a
 * notification arrives, so other engines' writes are seen at once instead of at the next poll. If the
 * connection breaks, it reconnects after a pause; the periodic poll covers the time in between.
 */
final class PgChangeListener implements AutoCloseable {
    /** The channel every write notifies, in the transaction that writes. */
    static final String CHANNEL = "palette_cluster_change";
    private static final Logger LOG = LoggerFactory.getLogger(PgChangeListener.class);
    private static final int WAIT_MS = 500;
    private static final long RECONNECT_PAUSE_MS = 2000;

    private final DataSource ds;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean running = true;

    private PgChangeListener(DataSource ds, Runnable onChange) {
        this.ds = ds;
        this.onChange = onChange;
        this.thread = new Thread(this::run, "palette-jdbc-listen");
        this.thread.setDaemon(true);
    }

    static PgChangeListener start(DataSource ds, Runnable onChange) {
        PgChangeListener l = new PgChangeListener(ds, onChange);
        l.thread.start();
        return l;
    }

    private void run() {
        while (running) {
            try (Connection c = ds.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                onChange.run(); // anything committed while not listening
                while (running) {
                    PGNotification[] batch = pg.getNotifications(WAIT_MS);
                    if (batch != null && batch.length > 0) {
                        onChange.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("listening for cluster changes failed ({}); polling only, reconnecting in {} ms", e.toString(),
                        RECONNECT_PAUSE_MS);
                try {
                    Thread.sleep(RECONNECT_PAUSE_MS); // a pause before reconnecting, not a timing in a test
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
