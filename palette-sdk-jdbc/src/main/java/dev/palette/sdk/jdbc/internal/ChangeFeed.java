package dev.palette.sdk.jdbc.internal;

import dev.palette.sdk.api.store.ClusterChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the {@code palette_cluster_change} table: reads the rows after the last one delivered, on a
 * fixed period and, on PostgreSQL, as soon as a {@code NOTIFY} says a write committed.
 *
 * <p>Sequence numbers are taken when a transaction inserts its row but become visible when it commits,
 * so a later number can show up first. A number skipped over is remembered as a gap and asked for again
 * on the following reads, until it shows up or, after {@link #GAP_TTL} (a rolled-back transaction
 * leaves a gap for good), is given up.
 */
public final class ChangeFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    /** How long a gap in the sequence is waited for. */
    static final Duration GAP_TTL = Duration.ofSeconds(60);
    /** Gaps asked for per read, at most (a burst of more concurrent writers is caught by the resync). */
    private static final int MAX_GAPS = 200;

    private final DataSource ds;
    private final Duration pollInterval;
    private final boolean listen;
    private final CopyOnWriteArrayList<Consumer<ClusterChange>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Long, Long> gaps = new LinkedHashMap<>(); // seq -> when first missed (nanoTime)
    private ScheduledExecutorService poller;
    private PgChangeListener pgListener;
    private long lastSeq = -1;

    /**
     * Creates a feed; nothing runs until the first subscriber.
     *
     * @param ds the database
     * @param pollInterval how often to read the table
     * @param listen whether to also wake up on PostgreSQL notifications
     */
    public ChangeFeed(DataSource ds, Duration pollInterval, boolean listen) {
        this.ds = ds;
        this.pollInterval = pollInterval;
        this.listen = listen;
    }

    /**
     * Adds a listener, starting the feed at the current end of the table if it is the first.
     *
     * @param listener the listener
     * @return closes the subscription
     */
    public synchronized AutoCloseable subscribe(Consumer<ClusterChange> listener) {
        if (poller == null) {
            lastSeq = currentSeq();
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "palette-jdbc-changes");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            if (listen) {
                ScheduledExecutorService p = poller;
                pgListener = PgChangeListener.start(ds, () -> p.execute(this::poll));
            }
        }
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private long currentSeq() {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(seq), 0) FROM palette_cluster_change"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new dev.palette.sdk.api.error.PaletteException("cannot read the change feed: " + e.getMessage(), true, e);
        }
    }

    /** Delivers the changes committed since the last read, and any that filled a gap. Runs on the poller only. */
    void poll() {
        expireGaps();
        StringBuilder sql = new StringBuilder(
                "SELECT seq, cluster_id, change_type, resource_version FROM palette_cluster_change WHERE seq > ?");
        if (!gaps.isEmpty()) {
            sql.append(" OR seq IN (");
            int n = 0;
            for (Iterator<Long> it = gaps.keySet().iterator(); it.hasNext() && n < MAX_GAPS; n++) {
                sql.append(n == 0 ? "" : ",").append(it.next());
            }
            sql.append(')');
        }
        sql.append(" ORDER BY seq");
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setLong(1, lastSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (gaps.remove(seq) == null) {
                        for (long missing = lastSeq + 1; missing < seq && seq - missing <= MAX_GAPS; missing++) {
                            gaps.putIfAbsent(missing, System.nanoTime());
                        }
                        lastSeq = Math.max(lastSeq, seq);
                    }
                    deliver(new ClusterChange(rs.getString(2), ClusterChange.Type.valueOf(rs.getString(3)), rs.getLong(4)));
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("reading the cluster change feed failed: {}", e.toString());
        }
    }

    private void expireGaps() {
        long limit = System.nanoTime() - GAP_TTL.toNanos();
        gaps.values().removeIf(since -> since < limit);
    }

    private void deliver(ClusterChange ch) {
        for (Consumer<ClusterChange> l : listeners) {
            try {
                l.accept(ch);
            } catch (RuntimeException e) {
                LOG.warn("a cluster store listener failed on {}: {}", ch, e.toString());
            }
        }
    }

    /** Stops reading. */
    @Override
    public synchronized void close() {
        if (pgListener != null) {
            pgListener.close();
            pgListener = null;
        }
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
