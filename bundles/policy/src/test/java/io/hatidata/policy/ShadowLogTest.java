package io.hatidata.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.policy.ShadowDecision;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shadow log against a real embedded Derby: bounded queue, batched writes, counts, pages, retention. */
class ShadowLogTest {
    @TempDir
    Path dir;

    private EmbeddedDataSource derby() {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName(dir.resolve("db").toString());
        derby.setCreateDatabase("create");
        return derby;
    }

    private static ShadowDecision decision(String policy, int n, String kind, String principal) {
        return new ShadowDecision(policy, "env_a", "qry_" + n, principal, "analyst", "bot", "SELECT '[REDACTED]'",
                kind, kind.equals(ShadowDecision.NONE) ? List.of() : List.of("customers"), "",
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n));
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        ShadowLog log = new ShadowLog(derby(), 3, 10, 1000, false);
        for (int i = 0; i < 3; i++) {
            assertTrue(log.record(decision("pol_a", i, ShadowDecision.MASK, "key_1")));
        }
        assertFalse(log.record(decision("pol_a", 3, ShadowDecision.MASK, "key_1")), "the fourth does not fit");
        assertFalse(log.record(decision("pol_b", 4, ShadowDecision.DENY, "key_1")));
        assertEquals(1, log.dropped("pol_a"));
        assertEquals(1, log.dropped("pol_b"));
        assertEquals(3, log.summary("pol_a").evaluated(), "what was queued is written");
        assertTrue(log.record(decision("pol_a", 5, ShadowDecision.MASK, "key_1")), "written decisions free the queue");
    }

    @Test
    void theSummaryCountsEachDecisionKindAndThePrincipalsAffected() throws Exception {
        ShadowLog log = new ShadowLog(derby(), 100, 2, 1000, false);
        log.record(decision("pol_a", 1, ShadowDecision.DENY, "key_1"));
        log.record(decision("pol_a", 2, ShadowDecision.MASK, "key_2"));
        log.record(decision("pol_a", 3, ShadowDecision.FILTER, "key_2"));
        log.record(decision("pol_a", 4, ShadowDecision.NONE, "key_3"));
        log.record(decision("pol_other", 5, ShadowDecision.DENY, "key_9"));
        ShadowLog.Summary summary = log.summary("pol_a");
        assertEquals(new ShadowLog.Summary(4, 1, 1, 1, 2, Instant.parse("2026-01-01T00:00:01Z"),
                Instant.parse("2026-01-01T00:00:04Z")), summary);
        assertEquals(List.of("qry_3", "qry_2", "qry_1"),
                log.samples("pol_a", 10).stream().map(ShadowDecision::queryId).toList(), "newest first, no 'none'");
        assertEquals(0, log.dropped("pol_a"), "every decision was written");
        ShadowLog.Summary nothing = log.summary("pol_none");
        assertEquals(0, nothing.evaluated());
        assertNull(nothing.first());
    }

    @Test
    void decisionsPageNewestFirstAndFilterByKind() throws Exception {
        ShadowLog log = new ShadowLog(derby(), 100, 10, 1000, false);
        for (int i = 1; i <= 7; i++) {
            log.record(decision("pol_a", i, i % 2 == 0 ? ShadowDecision.NONE : ShadowDecision.DENY, "key_1"));
        }
        Page<ShadowDecision> first = log.decisions("pol_a", null, new PageRequest(3, null));
        assertEquals(List.of("qry_7", "qry_6", "qry_5"), first.items().stream().map(ShadowDecision::queryId).toList());
        assertEquals(7, first.total());
        assertTrue(first.hasMore());
        Page<ShadowDecision> second = log.decisions("pol_a", null, new PageRequest(10, first.nextCursor()));
        assertEquals(List.of("qry_4", "qry_3", "qry_2", "qry_1"),
                second.items().stream().map(ShadowDecision::queryId).toList());
        assertFalse(second.hasMore());
        Page<ShadowDecision> denials = log.decisions("pol_a", ShadowDecision.DENY, new PageRequest(10, null));
        assertEquals(4, denials.total());
        assertEquals(List.of("customers"), denials.items().get(0).targets());
        assertThrows(ControlPlaneException.class, () -> log.decisions("pol_a", null, new PageRequest(3, "x")));
    }

    @Test
    void olderDecisionsBeyondTheRetentionAreDeleted() throws Exception {
        EmbeddedDataSource derby = derby();
        ShadowLog log = new ShadowLog(derby, 100, 100, 3, false);
        for (int i = 1; i <= 5; i++) {
            log.record(decision("pol_a", i, ShadowDecision.MASK, "key_1"));
        }
        log.flush();
        assertEquals(List.of("qry_5", "qry_4", "qry_3"),
                log.decisions("pol_a", null, new PageRequest(10, null)).items().stream().map(ShadowDecision::queryId).toList());
        assertEquals(0, log.dropped("pol_a"));
    }

    @Test
    void theWriterThreadDrainsTheQueueAndDeactivationWritesTheRest() throws Exception {
        EmbeddedDataSource derby = derby();
        ShadowLog log = new ShadowLog(derby, 100, 10, 1000, true);
        log.record(decision("pol_a", 1, ShadowDecision.MASK, "key_1"));
        log.deactivate();
        try (Connection connection = derby.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM policy_shadow_decisions")) {
            rows.next();
            assertEquals(1, rows.getInt(1));
        }
    }

    @Test
    void theSchemaIsMigratedFromVersionOneKeepingPoliciesEnforced() throws Exception {
        EmbeddedDataSource derby = derby();
        try (Connection connection = derby.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE policies (id VARCHAR(40) PRIMARY KEY, env_id VARCHAR(40) NOT NULL,"
                    + " org_id VARCHAR(40) NOT NULL, name VARCHAR(200) NOT NULL, policy_type VARCHAR(40) NOT NULL,"
                    + " enabled BOOLEAN NOT NULL, definition CLOB NOT NULL, created_at TIMESTAMP NOT NULL,"
                    + " updated_at TIMESTAMP NOT NULL)");
            statement.execute("INSERT INTO policies VALUES ('pol_1', 'env_a', 'org_a', 'old', 'abac', TRUE, '{}',"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            assertEquals(1, PolicySchema.version(connection));
        }
        new ShadowLog(derby, 10, 10, 10, false);
        new ShadowLog(derby, 10, 10, 10, false); // a second migration finds the current version
        try (Connection connection = derby.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT mode FROM policies WHERE id = 'pol_1'")) {
            assertEquals(PolicySchema.CURRENT, PolicySchema.version(connection));
            rows.next();
            assertEquals("enforce", rows.getString(1));
        }
    }
}
