package io.hatidata.api.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.query.Cancellable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionTest {

    @Test
    void aCancelIsRememberedForTheRunningStatementAndReachesItsResources() throws Exception {
        Session session = new Session("sess_1", identity(), Map.of());
        session.statementStarted();
        session.cancel(); // before any resource exists, as when a stage before the engine is still working
        assertTrue(session.cancelRequested());
        List<String> calls = new ArrayList<>();
        session.resource("engine", () -> new Recording(calls));
        session.cancel();
        session.statementStarted();
        assertFalse(session.cancelRequested(), "the next statement starts clean");
        assertEquals(List.of("cancel", "statementStarted"), calls);
        session.close();
        assertEquals("close", calls.get(calls.size() - 1));
    }

    private static Identity identity() {
        return new Identity("org_1", "usr_1", "agent", "owner", "env_dev_1", "development", "key_1");
    }

    private record Recording(List<String> calls) implements AutoCloseable, Cancellable {
        @Override
        public void cancel() {
            calls.add("cancel");
        }

        @Override
        public void statementStarted() {
            calls.add("statementStarted");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }
}
