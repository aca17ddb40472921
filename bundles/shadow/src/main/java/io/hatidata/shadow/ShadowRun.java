package io.hatidata.shadow;

import io.hatidata.api.provisioning.ShadowMismatch;
import io.hatidata.api.provisioning.ShadowResult;
import io.hatidata.api.provisioning.ShadowSettings;
import io.hatidata.api.provisioning.ShadowSource;
import io.hatidata.api.provisioning.ShadowStatus;
import io.hatidata.api.query.Column;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shadow run of one environment: the source (its password only here, in memory), the settings, the
 * counters, the bounded list of mismatches, and the source connections its sessions opened (closed when
 * the run stops).
 */
final class ShadowRun {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowRun.class);

    private final String id;
    private final String organizationId;
    private final String environmentId;
    private final ShadowSource source;
    private final ShadowSettings settings;
    private final ResultComparator comparator;
    private final Limits limits;
    private final Clock clock;
    private final Instant startedAt;
    private final Instant endsAt;
    private volatile Instant stoppedAt;
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong mismatched = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong mismatchSequence = new AtomicLong();
    private final Deque<ShadowMismatch> mismatches = new ArrayDeque<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    /** The bounds of a run, from the configuration. */
    record Limits(int mismatchesKept, int rowsKeptPerMismatch, int rowsCompared, int sourceConnections,
            int connectTimeoutSeconds, int queryTimeoutSeconds) {}

    ShadowRun(String id, String organizationId, String environmentId, ShadowSource source, ShadowSettings settings,
            Limits limits, Clock clock) {
        this.id = id;
        this.organizationId = organizationId;
        this.environmentId = environmentId;
        this.source = source;
        this.settings = settings;
        this.comparator = new ResultComparator(settings.tolerance());
        this.limits = limits;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.endsAt = settings.durationMinutes() > 0 ? startedAt.plusSeconds(settings.durationMinutes() * 60) : null;
    }

    String id() {
        return id;
    }

    String organizationId() {
        return organizationId;
    }

    Limits limits() {
        return limits;
    }

    ShadowSettings settings() {
        return settings;
    }

    ResultComparator comparator() {
        return comparator;
    }

    boolean running() {
        if (stoppedAt != null) {
            return false;
        }
        if (endsAt != null && !clock.instant().isBefore(endsAt)) {
            stop();
            return false;
        }
        return true;
    }

    /** Opens a connection to the source for one client session. */
    Connection connect() throws SQLException {
        if (connections.size() >= limits.sourceConnections()) {
            throw new SQLException("the shadow run has " + limits.sourceConnections() + " source connections open", "53300");
        }
        Properties properties = new Properties();
        properties.setProperty("user", source.user());
        properties.setProperty("password", source.password());
        properties.setProperty("connectTimeout", Integer.toString(limits.connectTimeoutSeconds()));
        properties.setProperty("ApplicationName", "hatidata-shadow");
        Connection connection = new org.postgresql.Driver().connect(source.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("the source URL is not a PostgreSQL URL", "08001");
        }
        connections.add(connection);
        if (stoppedAt != null) {
            closeQuietly(connection);
            throw new SQLException("the shadow run stopped", "08003");
        }
        return connection;
    }

    void closed(Connection connection) {
        connections.remove(connection);
    }

    void stop() {
        if (stoppedAt == null) {
            stoppedAt = clock.instant();
            LOG.info("Shadow run {} of {} stopped: {} statements, {} matched, {} mismatched", id, environmentId,
                    total.get(), matched.get(), mismatched.get());
        }
        for (Connection each : List.copyOf(connections)) {
            closeQuietly(each);
            connections.remove(each);
        }
    }

    void counted() {
        total.incrementAndGet();
    }

    void skipped() {
        skipped.incrementAndGet();
    }

    void sourceFailed() {
        errors.incrementAndGet();
    }

    void matched() {
        matched.incrementAndGet();
    }

    void mismatched(String queryId, String sql, String reason, CapturedResult sourceSide, CapturedResult hatidataSide) {
        mismatched.incrementAndGet();
        ShadowMismatch mismatch = new ShadowMismatch("smm_" + mismatchSequence.incrementAndGet(), queryId,
                sql.length() > 10_000 ? sql.substring(0, 10_000) : sql, reason, kept(sourceSide), kept(hatidataSide),
                clock.instant());
        synchronized (mismatches) {
            mismatches.addLast(mismatch);
            while (mismatches.size() > limits.mismatchesKept()) {
                mismatches.removeFirst();
            }
        }
    }

    List<ShadowMismatch> mismatches(int offset, int limit) {
        synchronized (mismatches) {
            List<ShadowMismatch> all = new ArrayList<>(mismatches);
            return all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit));
        }
    }

    ShadowStatus status() {
        boolean running = running();
        return new ShadowStatus(id, environmentId, running ? "running" : "stopped", source.jdbcUrl(), settings, startedAt,
                endsAt, stoppedAt, total.get(), matched.get(), mismatched.get(), errors.get(), skipped.get());
    }

    private ShadowResult kept(CapturedResult side) {
        List<String> columns = side.columns().stream().map(Column::name).toList();
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] each : side.rows()) {
            if (rows.size() >= limits.rowsKeptPerMismatch()) {
                break;
            }
            List<Object> row = new ArrayList<>(each.length);
            for (Object value : each) {
                row.add(json(value));
            }
            rows.add(row);
        }
        return new ShadowResult(columns, rows, side.rowCount(), side.commandTag(), side.error());
    }

    /** A value as a JSON-friendly JDK type. */
    private static Object json(Object value) {
        if (value == null || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Number number) {
            return number instanceof Double || number instanceof Float ? number : ResultComparator.number(number);
        }
        if (value instanceof TemporalAccessor || value instanceof java.util.UUID) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ShadowRun::json).toList();
        }
        return ResultComparator.text(value);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ex) {
            LOG.debug("Closing a source connection failed: {}", ex.getMessage());
        }
    }
}
