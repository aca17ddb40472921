package io.hatidata.policy;

import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.policy.ShadowDecision;
import io.hatidata.api.policy.ShadowRecorder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The would-be decisions of shadow-mode policies, in {@code policy_shadow_decisions}. {@link #record} only
 * offers the decision to a bounded queue (never blocks the statement; a full queue drops the decision and
 * counts it per policy); one writer thread drains the queue in batches, each batch one transaction, and keeps
 * at most {@code maxDecisionsPerPolicy} decisions per policy (the oldest go). Reads first write what is
 * queued, so a report includes every decision recorded before it was asked for.
 */
@Component(configurationPid = "io.hatidata.policy.shadow", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {ShadowRecorder.class, ShadowLog.class})
@Designate(ocd = ShadowLogConfig.class)
public final class ShadowLog implements ShadowRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowLog.class);
    private static final int MAX_TRACKED_POLICIES = 10_000;
    private static final long PRUNE_EVERY_MILLIS = 60_000;
    private static final String COLUMNS = "id, policy_id, env_id, query_id, principal_id, role_name, agent_id,"
            + " fingerprint, decision, targets, detail, decided_at";

    private final DataSource dataSource;
    private final BlockingQueue<ShadowDecision> queue;
    private final int batchSize;
    private final int maxPerPolicy;
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
    private final Map<String, Long> lastPruned = new ConcurrentHashMap<>();
    private final Object writing = new Object();
    private final Thread writer;
    private volatile boolean running = true;

    @Activate
    public ShadowLog(ShadowLogConfig config, @Reference(name = "dataSource") DataSource dataSource) throws SQLException {
        this(dataSource, config.queueCapacity(), config.batchSize(), config.maxDecisionsPerPolicy(), true);
    }

    ShadowLog(DataSource dataSource, int capacity, int batchSize, int maxPerPolicy, boolean startWriter)
            throws SQLException {
        this.dataSource = dataSource;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
        this.batchSize = Math.max(1, batchSize);
        this.maxPerPolicy = Math.max(1, maxPerPolicy);
        PolicySchema.migrate(dataSource);
        this.writer = new Thread(this::drainLoop, "hatidata-policy-shadow-writer");
        this.writer.setDaemon(true);
        if (startWriter) {
            writer.start();
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        // No interrupt: the writer may hold a decision it took from the queue, and an interrupted thread's
        // Derby write fails; it sees running == false within one poll (500 ms) after its batch.
        running = false;
        writer.join(10_000);
        flush();
    }

    @Override
    public boolean record(ShadowDecision decision) {
        if (queue.offer(decision)) {
            return true;
        }
        if (dropped.size() < MAX_TRACKED_POLICIES || dropped.containsKey(decision.policyId())) {
            dropped.computeIfAbsent(decision.policyId(), key -> new AtomicLong()).incrementAndGet();
        }
        return false;
    }

    /** Decisions of this policy dropped on this node because the queue was full. */
    long dropped(String policyId) {
        AtomicLong count = dropped.get(policyId);
        return count == null ? 0 : count.get();
    }

    /** Writes everything queued now (the writer thread and readers call it). */
    void flush() {
        synchronized (writing) {
            List<ShadowDecision> batch = new ArrayList<>(batchSize);
            while (queue.drainTo(batch, batchSize) > 0) {
                write(batch);
                batch.clear();
            }
        }
    }

    private void drainLoop() {
        while (running) {
            try {
                ShadowDecision first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                synchronized (writing) {
                    List<ShadowDecision> batch = new ArrayList<>(batchSize);
                    batch.add(first);
                    queue.drainTo(batch, batchSize - 1);
                    write(batch);
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException ex) {
                LOG.error("Policy shadow writer failed", ex);
            }
        }
    }

    private void write(List<ShadowDecision> batch) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO policy_shadow_decisions"
                    + " (policy_id, env_id, query_id, principal_id, role_name, agent_id, fingerprint, decision, targets,"
                    + " detail, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ShadowDecision each : batch) {
                    insert.setString(1, each.policyId());
                    insert.setString(2, each.environmentId());
                    insert.setString(3, cut(each.queryId(), 80));
                    insert.setString(4, cut(each.principal(), 80));
                    insert.setString(5, cut(each.role(), 40));
                    insert.setString(6, cut(each.agentId(), 128));
                    insert.setString(7, cut(each.fingerprint(), 4000));
                    insert.setString(8, each.decision());
                    insert.setString(9, cut(String.join(",", each.targets()), 2000));
                    insert.setString(10, cut(each.detail(), 2000));
                    insert.setTimestamp(11, Timestamp.from(each.at()));
                    insert.addBatch();
                }
                insert.executeBatch();
                prune(connection, batch);
                connection.commit();
            } catch (SQLException ex) {
                connection.rollback();
                throw ex;
            }
        } catch (SQLException ex) {
            for (ShadowDecision each : batch) {
                dropped.computeIfAbsent(each.policyId(), key -> new AtomicLong()).incrementAndGet();
            }
            LOG.error("Cannot write {} policy shadow decisions: {} ({})", batch.size(), ex.getMessage(), ex.getSQLState());
        }
    }

    /**
     * Keeps the newest {@code maxPerPolicy} decisions of each policy in the batch (at most once a minute), in
     * the batch's transaction.
     */
    private void prune(Connection connection, List<ShadowDecision> batch) throws SQLException {
        long now = System.currentTimeMillis();
        for (String policy : batch.stream().map(ShadowDecision::policyId).distinct().toList()) {
            Long last = lastPruned.get(policy);
            if (last != null && now - last < PRUNE_EVERY_MILLIS) {
                continue;
            }
            if (lastPruned.size() >= MAX_TRACKED_POLICIES) {
                lastPruned.clear();
            }
            lastPruned.put(policy, now);
            Long boundary = null;
            try (PreparedStatement select = connection.prepareStatement("SELECT id FROM policy_shadow_decisions"
                    + " WHERE policy_id = ? ORDER BY id DESC OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY")) {
                select.setString(1, policy);
                select.setInt(2, maxPerPolicy);
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        boundary = rows.getLong(1);
                    }
                }
            }
            if (boundary != null) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM policy_shadow_decisions WHERE policy_id = ? AND id <= ?")) {
                    delete.setString(1, policy);
                    delete.setLong(2, boundary);
                    delete.executeUpdate();
                }
            }
        }
    }

    /** The report's counts: evaluated, deny, mask, filter, distinct principals, first, last. */
    record Summary(long evaluated, long deny, long mask, long filter, long principals, Instant first, Instant last) {}

    Summary summary(String policyId) {
        flush();
        return read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*),"
                    + " SUM(CASE WHEN decision = 'deny' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN decision = 'mask' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN decision = 'filter' THEN 1 ELSE 0 END), MIN(decided_at), MAX(decided_at)"
                    + " FROM policy_shadow_decisions WHERE policy_id = ?")) {
                statement.setString(1, policyId);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    Timestamp first = rows.getTimestamp(5);
                    Timestamp last = rows.getTimestamp(6);
                    long principals = count(connection, "SELECT COUNT(DISTINCT principal_id) FROM policy_shadow_decisions"
                            + " WHERE policy_id = ? AND decision <> 'none'", policyId);
                    return new Summary(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), principals,
                            first == null ? null : first.toInstant(), last == null ? null : last.toInstant());
                }
            }
        });
    }

    /** Newest first; the cursor is the id of the last decision of the previous page. */
    Page<ShadowDecision> decisions(String policyId, String decision, PageRequest page) {
        flush();
        long before;
        try {
            before = page.cursor() == null || page.cursor().isEmpty() ? Long.MAX_VALUE : Long.parseLong(page.cursor());
        } catch (NumberFormatException ex) {
            throw ControlPlaneException.invalid("cursor", "format", "cursor is not one this endpoint returned");
        }
        String kind = decision == null ? "" : " AND decision = ?";
        return read(connection -> {
            Object[] filter = decision == null ? new Object[] {policyId} : new Object[] {policyId, decision};
            long total = count(connection, "SELECT COUNT(*) FROM policy_shadow_decisions WHERE policy_id = ?" + kind,
                    filter);
            List<ShadowDecision> items = new ArrayList<>();
            long lastId = -1;
            boolean more = false;
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM policy_shadow_decisions WHERE policy_id = ? AND id < ?" + kind
                    + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY")) {
                statement.setString(1, policyId);
                statement.setLong(2, before);
                int next = 3;
                if (decision != null) {
                    statement.setString(next++, decision);
                }
                statement.setInt(next, page.limit() + 1);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        if (items.size() == page.limit()) {
                            more = true;
                            break;
                        }
                        lastId = rows.getLong(1);
                        items.add(decision(rows));
                    }
                }
            }
            return new Page<>(items, more ? Long.toString(lastId) : null, (int) Math.min(Integer.MAX_VALUE, total));
        });
    }

    /** The newest decisions that would have changed something. */
    List<ShadowDecision> samples(String policyId, int limit) {
        return read(connection -> {
            List<ShadowDecision> result = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM policy_shadow_decisions WHERE policy_id = ? AND decision <> 'none'"
                    + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY")) {
                statement.setString(1, policyId);
                statement.setInt(2, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.add(decision(rows));
                    }
                }
            }
            return result;
        });
    }

    /** Deletes a policy's decisions inside the caller's transaction (the policy is being deleted). */
    static void forget(Connection connection, String policyId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM policy_shadow_decisions WHERE policy_id = ?")) {
            statement.setString(1, policyId);
            statement.executeUpdate();
        }
    }

    private static ShadowDecision decision(ResultSet rows) throws SQLException {
        String targets = rows.getString(10);
        return new ShadowDecision(rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9),
                targets.isEmpty() ? List.of() : Arrays.asList(targets.split(",")), rows.getString(11),
                rows.getTimestamp(12).toInstant());
    }

    private static long count(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @FunctionalInterface
    private interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(Read<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException ex) {
            LOG.error("Policy shadow log read failed: {} ({})", ex.getMessage(), ex.getSQLState());
            throw new ControlPlaneException(ControlPlaneException.Reason.UNAVAILABLE, "the policy store is unavailable");
        }
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
