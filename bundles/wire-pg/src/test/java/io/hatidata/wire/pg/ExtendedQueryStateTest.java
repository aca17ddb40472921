package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.QueryException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExtendedQueryStateTest {
    private final ExtendedQueryState state = new ExtendedQueryState();
    private final PgPreparedStatement select = new PgPreparedStatement("s", "select", List.of());

    @Test
    void unnamedStatementsAndPortalsAreReplacedNamedOnesAreNot() throws QueryException {
        PgPreparedStatement first = new PgPreparedStatement("", "select", List.of());
        PgPreparedStatement second = new PgPreparedStatement("", "rows 1", List.of());
        state.addStatement(first);
        state.addStatement(second);
        assertSame(second, state.statement(""));
        state.addStatement(select);
        assertEquals("42P05", assertThrows(QueryException.class, () -> state.addStatement(select)).sqlState());

        state.addPortal(new Portal("", select, List.of(), ResultFormats.TEXT));
        state.addPortal(new Portal("", select, List.of(), ResultFormats.TEXT));
        state.addPortal(new Portal("p", select, List.of(), ResultFormats.TEXT));
        assertEquals(2, state.portalCount());
        assertEquals("42P03", assertThrows(QueryException.class,
                () -> state.addPortal(new Portal("p", select, List.of(), ResultFormats.TEXT))).sqlState());
    }

    @Test
    void missingNamesHaveTheirSqlStates() {
        assertEquals("26000", assertThrows(QueryException.class, () -> state.statement("x")).sqlState());
        assertEquals("34000", assertThrows(QueryException.class, () -> state.portal("x")).sqlState());
        state.closeStatement("x");
        state.closePortal("x");
    }

    @Test
    void closingASuspendedPortalReleasesItsWorkerAndTheNextStatementWaitsForIt() throws Exception {
        Portal portal = new Portal("p", select, List.of(), ResultFormats.TEXT);
        state.addPortal(portal);
        CountDownLatch suspended = new CountDownLatch(1);
        CompletableFuture<String> worker = CompletableFuture.supplyAsync(() -> {
            PortalExecution execution = new PortalExecution(1, suspended::countDown, Duration.ofMinutes(1));
            portal.execution(execution);
            try {
                execution.suspend();
                return "resumed";
            } catch (QueryException ex) {
                return ex.sqlState();
            } finally {
                execution.finish();
            }
        });
        assertTrue(suspended.await(10, TimeUnit.SECONDS));
        state.closePortal("p");
        state.closeSuspendedPortals(null);
        assertTrue(portal.execution().awaitFinished(Duration.ZERO), "the next statement waited for the released worker");
        assertEquals("57014", worker.get(10, TimeUnit.SECONDS));
        assertEquals(PortalExecution.State.CLOSED, portal.execution().state());
    }
}
