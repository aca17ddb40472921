package io.hatidata.audit;

import io.hatidata.api.audit.AuditExport;
import io.hatidata.api.audit.AuditLink;
import io.hatidata.api.audit.AuditService;
import io.hatidata.api.audit.ChainVerification;
import io.hatidata.api.audit.ExportFormat;
import io.hatidata.api.audit.IamAuditEntry;
import io.hatidata.api.audit.IamAuditFilter;
import io.hatidata.api.audit.QueryAuditEntry;
import io.hatidata.api.audit.QueryAuditFilter;
import io.hatidata.api.audit.SigningKey;
import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.DomainEventConsumer;
import io.hatidata.api.controlplane.EnvironmentService;
import io.hatidata.api.controlplane.LoggedDomainEvent;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.governance.AuditRecorder;
import io.hatidata.api.governance.QueryOutcome;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.runtime.DataDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trails (SPEC §2.10, docs/audit.md). As the pipeline's {@link AuditRecorder} it appends a
 * statement's intent record before the statement runs and its completion record after it ended, each
 * durable before the call returns (so before the client gets its ReadyForQuery or REST answer); as a
 * {@link DomainEventConsumer} ({@value #CONSUMER}, from the beginning of the event log) it appends every
 * control-plane event to its organization's IAM chain; as the {@link AuditService} it reads, verifies and
 * exports both trails. All writes go through one {@link GroupCommitWriter}.
 */
@Component(
        service = {AuditRecorder.class, DomainEventConsumer.class, AuditService.class},
        configurationPid = ChainedAuditLog.PID)
@Designate(ocd = AuditLogConfig.class)
public final class ChainedAuditLog implements AuditRecorder, DomainEventConsumer, AuditService {
    static final String PID = "io.hatidata.audit";
    static final String CONSUMER = "audit.iam";
    /** PostgreSQL's insufficient_resources: the audit log cannot take the statement now, retry later. */
    static final String AUDIT_OVERLOADED = "53000";
    private static final Logger LOG = LoggerFactory.getLogger(ChainedAuditLog.class);

    private final DataSource dataSource;
    private final AuditAccess access;
    private final CheckpointSigner signer;
    private final GroupCommitWriter writer;
    private final ChainVerifier verifier;
    private final boolean keepRawSql;
    private final Clock clock;

    @Activate
    public ChainedAuditLog(@Reference(target = "(hatidata.datasource=control-plane)") DataSource dataSource,
            @Reference EnvironmentService environments, AuditLogConfig config) throws SQLException, IOException {
        this(dataSource, environments, CheckpointSigner.fromFile(
                DataDirectory.resolve(config.dataDir()).resolve("audit").resolve("checkpoint-key")),
                settings(config, DataDirectory.resolve(config.dataDir()).resolve("audit").resolve("journal")),
                config.keepRawSql(), Clock.systemUTC());
    }

    ChainedAuditLog(DataSource dataSource, EnvironmentService environments, CheckpointSigner signer,
            GroupCommitWriter.Settings settings, boolean keepRawSql, Clock clock) throws SQLException, IOException {
        AuditSchema.migrate(dataSource);
        this.dataSource = dataSource;
        this.access = new AuditAccess(environments);
        this.signer = signer;
        this.verifier = new ChainVerifier(signer);
        this.keepRawSql = keepRawSql;
        this.clock = clock;
        this.writer = new GroupCommitWriter(dataSource, signer, settings, clock);
        this.writer.start();
    }

    static GroupCommitWriter.Settings settings(AuditLogConfig config, Path journalDir) {
        return new GroupCommitWriter.Settings(Math.max(1, config.maxPendingEntries()),
                Math.max(1, config.maxBatchEntries()), Math.max(1, config.appendTimeoutMs()),
                Math.max(1, config.checkpointEveryEntries()), Math.max(1, config.checkpointEverySeconds()) * 1000L,
                durability(config.durability()), journalDir, Math.max(1, config.ingestIntervalMs()));
    }

    static GroupCommitWriter.Durability durability(String configured) {
        String value = configured == null ? "" : configured.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "", "journal" -> GroupCommitWriter.Durability.JOURNAL;
            case "commit" -> GroupCommitWriter.Durability.COMMIT;
            default -> throw new IllegalArgumentException(
                    "io.hatidata.audit durability must be journal or commit, not " + configured);
        };
    }

    @Deactivate
    void close() {
        writer.close();
    }

    // --- AuditRecorder

    @Override
    public void intent(QueryContext context) throws QueryException {
        try {
            AuditLink link = writer.append(QueryRecords.intent(context, clock.millis(), keepRawSql), true);
            context.attributes().put(QueryRecords.INTENT_ATTRIBUTE, link);
        } catch (AuditUnavailableException ex) {
            LOG.error("Statement {} refused: its intent could not be audited ({})", context.queryId(), ex.getMessage());
            if (ex.reason() == AuditUnavailableException.Reason.OVERLOADED) {
                throw new QueryException(AUDIT_OVERLOADED,
                        "the audit log is overloaded; the statement did not run (retry later)");
            }
            throw new QueryException(SqlState.SYSTEM_ERROR, "the audit log is unavailable; the statement did not run");
        }
    }

    @Override
    public void completed(QueryContext context, QueryOutcome outcome) {
        if (!(context.attributes().get(QueryRecords.INTENT_ATTRIBUTE) instanceof AuditLink intent)) {
            LOG.error("Statement {} ended without an audited intent", context.queryId());
            return;
        }
        try {
            writer.append(QueryRecords.completion(context, outcome, intent, clock.millis()), true);
        } catch (AuditUnavailableException | RuntimeException ex) {
            LOG.error("Completion of statement {} could not be audited: {}", context.queryId(), ex.getMessage());
        }
    }

    // --- DomainEventConsumer

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    @Override
    public boolean fromBeginning() {
        return true;
    }

    @Override
    public void consume(LoggedDomainEvent event) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (IamAuditReader.recorded(connection, event.id())) {
                return;
            }
        }
        writer.append(IamRecords.of(event));
    }

    // --- AuditService

    @Override
    public Page<QueryAuditEntry> queries(Caller caller, String environmentId, QueryAuditFilter filter,
            PageRequest page) {
        access.environment(caller, environmentId);
        return read(connection -> QueryAuditReader.list(connection, environmentId, filter, page));
    }

    @Override
    public QueryAuditEntry query(Caller caller, String environmentId, String queryId) {
        access.environment(caller, environmentId);
        QueryAuditEntry result = read(connection -> QueryAuditReader.one(connection, environmentId, queryId));
        if (result == null) {
            throw ControlPlaneException.notFound("query");
        }
        return result;
    }

    @Override
    public Page<IamAuditEntry> iam(Caller caller, String organizationId, IamAuditFilter filter, PageRequest page) {
        access.organization(caller, organizationId);
        return read(connection -> IamAuditReader.list(connection, organizationId, filter, page));
    }

    @Override
    public ChainVerification verifyQueries(Caller caller, String environmentId) {
        access.environment(caller, environmentId);
        return verify(new ChainKey(AuditLogKind.QUERY, environmentId));
    }

    @Override
    public ChainVerification verifyIam(Caller caller, String organizationId) {
        access.organization(caller, organizationId);
        return verify(new ChainKey(AuditLogKind.IAM, organizationId));
    }

    ChainVerification verify(ChainKey chain) {
        return read(connection -> verifier.verify(connection, chain, Instant.now(clock)));
    }

    @Override
    public AuditExport exportQueries(Caller caller, String environmentId, QueryAuditFilter filter, ExportFormat format) {
        access.environment(caller, environmentId);
        return export(new ChainKey(AuditLogKind.QUERY, environmentId), filter.start(), filter.end(), format);
    }

    @Override
    public AuditExport exportIam(Caller caller, String organizationId, IamAuditFilter filter, ExportFormat format) {
        access.organization(caller, organizationId);
        return export(new ChainKey(AuditLogKind.IAM, organizationId), filter.start(), filter.end(), format);
    }

    /** Readers see every entry appended before they asked (the journal is stored first). */
    private void flushJournal() {
        try {
            writer.flush();
        } catch (AuditUnavailableException ex) {
            LOG.error("Audit read refused: the journal could not be stored ({})", ex.getMessage());
            throw new ControlPlaneException(ControlPlaneException.Reason.UNAVAILABLE, "the audit log is unavailable");
        }
    }

    private AuditExport export(ChainKey chain, Instant start, Instant end, ExportFormat format) {
        flushJournal();
        return out -> {
            try (Connection connection = dataSource.getConnection()) {
                ChainExporter.export(connection, chain, start, end, format, out);
            } catch (SQLException ex) {
                LOG.error("Audit export of {} failed: {} ({})", chain.chainId(), ex.getMessage(), ex.getSQLState());
                throw new IOException("the audit export failed", ex);
            }
        };
    }

    @Override
    public SigningKey signingKey() {
        return signer.publicKey();
    }

    /** Work on a connection of the control-plane database. */
    @FunctionalInterface
    private interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(Read<T> work) {
        flushJournal();
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException ex) {
            LOG.error("Audit read failed: {} ({})", ex.getMessage(), ex.getSQLState());
            throw new ControlPlaneException(ControlPlaneException.Reason.UNAVAILABLE, "the audit log is unavailable");
        }
    }

    /** The writer's counts, for tests and the benchmark. */
    long[] writerCounts() {
        return writer.counts();
    }
}
