package io.hatidata.billing;

import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventPublisher;
import io.hatidata.api.controlplane.LoggedDomainEvent;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.sql.ColumnLineage;
import io.hatidata.api.sql.SourceColumn;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * Billing on an embedded Derby in a temporary folder, with the few control-plane columns billing reads
 * (organizations, environments, keys, users) and a publisher that records events. The meter flushes only
 * when a test asks.
 */
final class BillingFixture {
    static final String ORG = "org_acme";
    static final String PROD = "env_prod";
    static final String STAGING = "env_staging";
    static final String LIVE_KEY = "key_live";
    static final String TEST_KEY = "key_test";
    static final String AGENT_KEY = "key_agent";

    final DataSource dataSource;
    final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    final DomainEventPublisher publisher = new DomainEventPublisher() {
        @Override
        public void publish(DomainEvent event) {
            events.add(event);
        }

        @Override
        public LoggedDomainEvent publish(Connection transaction, DomainEvent event) {
            events.add(event);
            return new LoggedDomainEvent(events.size(), "evt_" + events.size(), event);
        }
    };
    BillingStore store;
    QuotaBook quotas;
    CreditMeter meter;

    BillingFixture(Path dir) throws Exception {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName(dir.resolve("store").toString());
        derby.setCreateDatabase("create");
        dataSource = derby;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE organizations (id VARCHAR(40) PRIMARY KEY, tier VARCHAR(20) NOT NULL)");
            statement.execute("CREATE TABLE environments (id VARCHAR(40) PRIMARY KEY, org_id VARCHAR(40) NOT NULL,"
                    + " name VARCHAR(100) NOT NULL, status VARCHAR(20) DEFAULT 'active' NOT NULL)");
            statement.execute("CREATE TABLE users (id VARCHAR(40) PRIMARY KEY, org_id VARCHAR(40) NOT NULL,"
                    + " status VARCHAR(20) NOT NULL)");
            statement.execute("CREATE TABLE api_keys (id VARCHAR(40) PRIMARY KEY, org_id VARCHAR(40) NOT NULL,"
                    + " environment_id VARCHAR(40) NOT NULL, key_prefix CHAR(12) NOT NULL, agent_name VARCHAR(200),"
                    + " revoked_at TIMESTAMP, expires_at TIMESTAMP)");
            statement.execute("INSERT INTO organizations VALUES ('" + ORG + "', 'cloud'), ('org_other', 'free')");
            statement.execute("INSERT INTO environments (id, org_id, name) VALUES ('" + PROD + "', '" + ORG
                    + "', 'production'), ('" + STAGING + "', '" + ORG + "', 'staging')");
            statement.execute("INSERT INTO api_keys (id, org_id, environment_id, key_prefix, agent_name) VALUES"
                    + " ('" + LIVE_KEY + "', '" + ORG + "', '" + PROD + "', 'hd_live_abcd', NULL),"
                    + " ('" + TEST_KEY + "', '" + ORG + "', '" + STAGING + "', 'hd_test_abcd', NULL),"
                    + " ('" + AGENT_KEY + "', '" + ORG + "', '" + PROD + "', 'hd_agent_abc', 'analytics-agent')");
        }
        start(Clock.systemUTC());
    }

    /** (Re)starts billing's components on the same store, as a bundle restart does. */
    void start(Clock clock) throws Exception {
        store = new BillingStore(dataSource, 0);
        quotas = new QuotaBook(store, 0, true);
        meter = new CreditMeter(store, quotas, publisher, clock, 100_000, 0);
    }

    static Identity identity(String environment, String key) {
        return new Identity(ORG, "usr_1", "admin", "owner", environment, environment, key);
    }

    /** A statement of this identity with this analysis (and agent setting, when not null). */
    static QueryContext statement(Identity identity, String agent, StatementAnalysis analysis) {
        Session session = new Session("sess_1", identity, Map.of());
        if (agent != null) {
            session.setting("hatidata_agent_id", agent);
        }
        QueryContext result = QueryContext.of(session, "qry_1", analysis.sql(), ResultSink.discarding());
        result.attributes().put(StatementAnalysis.ATTRIBUTE, analysis);
        return result;
    }

    /** An analysed query reading these tables, with a star column when asked. */
    static StatementAnalysis query(String sql, boolean star, String... tables) {
        List<TableReference> read = new ArrayList<>();
        for (String each : tables) {
            read.add(TableReference.of(each.split("\\.")));
        }
        List<ColumnLineage> lineage = star && !read.isEmpty()
                ? List.of(new ColumnLineage(1, "*", Set.of(new SourceColumn(read.get(0), "*"))))
                : List.of();
        return new StatementAnalysis(sql, StatementKind.QUERY, read, List.of(), lineage, sql, true);
    }

    static StatementAnalysis of(StatementKind kind, String sql, String... written) {
        List<TableReference> tables = new ArrayList<>();
        for (String each : written) {
            tables.add(TableReference.of(each));
        }
        return new StatementAnalysis(sql, kind, List.of(), tables, List.of(), sql, true);
    }
}
