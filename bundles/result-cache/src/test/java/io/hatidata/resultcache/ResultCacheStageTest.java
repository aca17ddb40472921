package io.hatidata.resultcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.audit.AuditAttributes;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.TransactionStatus;
import io.hatidata.api.resultcache.ResultCacheAttributes;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The stage against a stand-in engine (the chain after it): a table {@code orders} of integers that
 * INSERT extends, and BEGIN/COMMIT setting the session's transaction state as the execute stage does.
 */
class ResultCacheStageTest {
    private static final Identity ALICE = new Identity("org_a", "usr_a", "alice", "analyst", "env_a", "dev", "key_a");
    private static final Identity ADMIN = new Identity("org_a", "usr_b", "bob", "admin", "env_a", "dev", "key_b");

    private final AtomicLong now = new AtomicLong();
    private final List<Integer> orders = new ArrayList<>(List.of(1, 2));
    private int executions;
    private final ResultCacheStage stage = new ResultCacheStage(
            new ResultCacheStage.Limits(true, 100, TimeUnit.SECONDS.toNanos(300), 5, 1 << 20, 1 << 24, 1_000),
            now::get, null);

    private final QueryChain engine = context -> {
        executions++;
        Session session = context.session();
        String sql = context.sql();
        if (sql.startsWith("INSERT")) {
            orders.add(orders.size() + 1);
            context.sink().complete("INSERT 0 1");
        } else if (sql.equals("BEGIN")) {
            session.transactionStatus(TransactionStatus.IN_TRANSACTION);
            context.sink().complete("BEGIN");
        } else if (sql.equals("COMMIT")) {
            session.transactionStatus(TransactionStatus.IDLE);
            context.sink().complete("COMMIT");
        } else {
            context.sink().columns(List.of(new Column("id", ColumnType.INT4)));
            for (Integer each : orders) {
                context.sink().row(new Object[] {each});
            }
            context.sink().complete("SELECT " + orders.size());
        }
    };

    private record Ran(List<Object[]> rows, boolean hit) {
        List<Integer> ids() {
            return rows.stream().map(row -> (Integer) row[0]).toList();
        }
    }

    private Ran run(Session session, String sql, boolean environmentEnabled) throws QueryException {
        CapturingSinkTest.Recording client = new CapturingSinkTest.Recording();
        QueryContext context = QueryContext.of(session, "qry_1", sql, client);
        context.attributes().put(StatementAnalysis.ATTRIBUTE, analysis(sql));
        context.attributes().put(ResultCacheAttributes.ENVIRONMENT_CACHE_ENABLED, environmentEnabled);
        stage.process(context, engine);
        return new Ran(client.rows, Boolean.TRUE.equals(context.attributes().get(AuditAttributes.CACHE_HIT)));
    }

    private Ran run(Session session, String sql) throws QueryException {
        return run(session, sql, true);
    }

    private static StatementAnalysis analysis(String sql) {
        List<TableReference> orders = List.of(TableReference.of("orders"));
        if (sql.startsWith("INSERT")) {
            return new StatementAnalysis(sql, StatementKind.INSERT, List.of(), orders, List.of(), sql, true);
        }
        if (sql.startsWith("SELECT")) {
            return new StatementAnalysis(sql, StatementKind.QUERY, orders, List.of(), List.of(), sql, true);
        }
        return new StatementAnalysis(sql, StatementKind.UTILITY, List.of(), List.of(), List.of(), sql, false);
    }

    private static Session session(Identity identity) {
        return new Session("sess_" + identity.userId(), identity, Map.of());
    }

    @Test
    void aRepeatedReadIsServedFromTheCacheAndAuditedAsAHit() throws Exception {
        Session alice = session(ALICE);
        Ran first = run(alice, "SELECT id FROM orders");
        Ran second = run(alice, "SELECT  id\n FROM orders;");
        assertEquals(List.of(1, 2), first.ids());
        assertEquals(List.of(1, 2), second.ids());
        assertEquals(false, first.hit());
        assertEquals(true, second.hit());
        assertEquals(1, executions);
        assertEquals(true, run(session(ALICE), "SELECT id FROM orders").hit(), "another session of the same principal");
    }

    @Test
    void aWriteMakesTheNextReadAMissThatSeesIt() throws Exception {
        Session alice = session(ALICE);
        run(alice, "SELECT id FROM orders");
        run(alice, "INSERT INTO orders VALUES (3)");
        Ran after = run(alice, "SELECT id FROM orders");
        assertEquals(false, after.hit());
        assertEquals(List.of(1, 2, 3), after.ids());
        assertEquals(true, run(alice, "SELECT id FROM orders").hit());
    }

    @Test
    void principalsNeverShareResults() throws Exception {
        run(session(ALICE), "SELECT id FROM orders");
        assertEquals(false, run(session(ADMIN), "SELECT id FROM orders").hit());
        assertEquals(true, run(session(ADMIN), "SELECT id FROM orders").hit());
        assertEquals(2, executions);
    }

    @Test
    void anEnvironmentWithoutCacheEnabledNeverHits() throws Exception {
        Session alice = session(ALICE);
        run(alice, "SELECT id FROM orders", false);
        assertEquals(false, run(alice, "SELECT id FROM orders", false).hit());
        assertEquals(false, run(alice, "SELECT id FROM orders", true).hit(), "nothing was stored while off");
        assertEquals(3, executions);
    }

    @Test
    void volatileQueriesAreNeverCached() throws Exception {
        Session alice = session(ALICE);
        run(alice, "SELECT id, now() FROM orders");
        assertEquals(false, run(alice, "SELECT id, now() FROM orders").hit());
        assertEquals(2, executions);
    }

    @Test
    void insideATransactionBlockNothingIsServedOrStoredAndItsWritesAreHeldUntilCommit() throws Exception {
        Session alice = session(ALICE);
        Session other = session(ADMIN);
        run(other, "SELECT id FROM orders");
        run(alice, "BEGIN");
        run(alice, "INSERT INTO orders VALUES (3)");
        assertEquals(false, run(alice, "SELECT id FROM orders").hit());
        assertEquals(false, run(other, "SELECT id FROM orders").hit(), "in flight: not served");
        assertEquals(false, run(other, "SELECT id FROM orders").hit(), "in flight: not stored");
        run(alice, "COMMIT");
        assertEquals(false, run(other, "SELECT id FROM orders").hit());
        assertEquals(true, run(other, "SELECT id FROM orders").hit());
    }

    @Test
    void aSessionFirstSeenInsideATransactionBlockHoldsTheEnvironmentUntilItEnds() throws Exception {
        Session other = session(ADMIN);
        run(other, "SELECT id FROM orders");
        Session alice = session(ALICE);
        // the block began (and may have written) before this cache instance saw the session
        alice.transactionStatus(TransactionStatus.IN_TRANSACTION);
        run(alice, "SHOW TABLES");
        assertEquals(false, run(other, "SELECT id FROM orders").hit(), "the environment is in flight");
        run(alice, "COMMIT");
        assertEquals(false, run(other, "SELECT id FROM orders").hit());
        assertEquals(true, run(other, "SELECT id FROM orders").hit());
    }

    @Test
    void aResultBeyondTheRowBoundIsStreamedAndNotKept() throws Exception {
        orders.addAll(List.of(3, 4, 5, 6));
        Session alice = session(ALICE);
        assertEquals(6, run(alice, "SELECT id FROM orders").rows().size());
        Ran again = run(alice, "SELECT id FROM orders");
        assertEquals(false, again.hit());
        assertEquals(6, again.rows().size());
    }

    @Test
    void entriesExpire() throws Exception {
        Session alice = session(ALICE);
        run(alice, "SELECT id FROM orders");
        now.addAndGet(TimeUnit.SECONDS.toNanos(300));
        assertEquals(false, run(alice, "SELECT id FROM orders").hit());
    }

    @Test
    void aPolicyChangeDropsTheEnvironmentsEntries() throws Exception {
        Session alice = session(ALICE);
        run(alice, "SELECT id FROM orders");
        stage.onEvent(new DomainEvent("policy.updated", "org_a", "usr_b", "pol_1", Map.of("env_id", "env_a"), Instant.now()));
        assertEquals(0, stage.stats().entries());
        assertEquals(false, run(alice, "SELECT id FROM orders").hit());
        stage.onEvent(new DomainEvent("policy.updated", "org_a", "usr_b", "pol_1", Map.of("env_id", "env_other"), Instant.now()));
        assertEquals(true, run(alice, "SELECT id FROM orders").hit());
    }

    @Test
    void aSessionThatChangedASettingCachesNoMore() throws Exception {
        Session alice = session(ALICE);
        run(alice, "SET search_path = 'other'");
        run(alice, "SELECT id FROM orders");
        assertEquals(false, run(alice, "SELECT id FROM orders").hit());
    }

    @Test
    void parametersArePartOfTheKey() throws Exception {
        Session alice = session(ALICE);
        CapturingSinkTest.Recording client = new CapturingSinkTest.Recording();
        for (Object parameter : List.of(1L, 2L, 1L)) {
            QueryContext context = QueryContext.of(alice, "qry_1", "SELECT id FROM orders WHERE id > $1", client)
                    .withParameters(List.of(parameter));
            context.attributes().put(StatementAnalysis.ATTRIBUTE, analysis(context.sql()));
            context.attributes().put(ResultCacheAttributes.ENVIRONMENT_CACHE_ENABLED, true);
            stage.process(context, engine);
        }
        assertEquals(2, executions);
    }

    @Test
    void aNodeWithTheCacheOffPassesEverythingThrough() throws Exception {
        ResultCacheStage off = new ResultCacheStage(
                new ResultCacheStage.Limits(false, 100, 1_000, 5, 1 << 20, 1 << 24, 1_000), now::get, null);
        Session alice = session(ALICE);
        for (int i = 0; i < 2; i++) {
            QueryContext context = QueryContext.of(alice, "qry_1", "SELECT id FROM orders", new CapturingSinkTest.Recording());
            context.attributes().put(StatementAnalysis.ATTRIBUTE, analysis(context.sql()));
            context.attributes().put(ResultCacheAttributes.ENVIRONMENT_CACHE_ENABLED, true);
            off.process(context, engine);
            assertNull(context.attributes().get(AuditAttributes.CACHE_HIT));
        }
        assertEquals(2, executions);
        assertNull(alice.existingResource(off.sessionResource()));
    }
}
