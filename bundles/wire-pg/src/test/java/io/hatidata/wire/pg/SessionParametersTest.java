package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.QueryException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionParametersTest {
    private final SessionParameters parameters = new SessionParameters();

    @Test
    void acceptsWhatDriversSetAndReportsCanonicalValues() throws Exception {
        assertEquals("PostgreSQL JDBC Driver", parameters.set("application_name", "PostgreSQL JDBC Driver"));
        assertEquals("3", parameters.set("extra_float_digits", "3"));
        assertEquals("UTF8", parameters.set("client_encoding", "utf-8"));
        assertEquals("ISO, MDY", parameters.set("datestyle", "ISO"));
        assertEquals("UTC", parameters.set("timezone", "Etc/UTC"));
        assertEquals("agent-7", parameters.set("hatidata_agent_id", "agent-7"));
        assertEquals("agent-7", parameters.get("hatidata_agent_id"));
    }

    @Test
    void refusesValuesTheSessionCannotHonourWith22023() {
        assertEquals("22023", assertThrows(QueryException.class, () -> parameters.set("client_encoding", "LATIN1")).sqlState());
        assertEquals("22023", assertThrows(QueryException.class, () -> parameters.set("timezone", "Europe/Paris")).sqlState());
        assertEquals("22023", assertThrows(QueryException.class, () -> parameters.set("extra_float_digits", "9")).sqlState());
        assertEquals("22023", assertThrows(QueryException.class, () -> parameters.set("standard_conforming_strings", "off")).sqlState());
        assertEquals("22023", assertThrows(QueryException.class, () -> parameters.set("application_name", "x".repeat(2000))).sqlState());
    }

    @Test
    void serverParametersAreReadOnlyAndIsolationLevelsAreValidated() throws Exception {
        assertEquals("15.0", parameters.get("server_version"));
        assertEquals("150000", parameters.get("server_version_num"));
        assertEquals("55P02", assertThrows(QueryException.class, () -> parameters.set("server_version", "16")).sqlState());
        assertEquals("repeatable read", parameters.get("transaction_isolation"));
        assertEquals("serializable", parameters.set("transaction_isolation", "SERIALIZABLE"));
        assertEquals("22023", assertThrows(QueryException.class,
                () -> parameters.set("default_transaction_isolation", "chaos")).sqlState());
    }

    @Test
    void resetReturnsToTheDefault() throws Exception {
        parameters.set("application_name", "psql");
        assertEquals("", parameters.set("application_name", ""));
        assertEquals("UTC", parameters.set("timezone", ""));
    }

    @Test
    void takesAgentIdentityFromTheOptionsParameter() {
        parameters.applyStartup(Map.of("options",
                "-c hatidata_agent_id=analytics-agent-1 -c hatidata_framework=langchain --priority=high -c other=x"));
        assertEquals("analytics-agent-1", parameters.get("hatidata_agent_id"));
        assertEquals("langchain", parameters.get("hatidata_framework"));
        assertEquals("high", parameters.get("priority"));
        assertFalse(parameters.snapshot().containsKey("other"));
    }

    @Test
    void takesStartupParametersItHandles() {
        parameters.applyStartup(Map.of("application_name", "psql", "user", "admin", "agent_id", "a1"));
        assertEquals("psql", parameters.get("application_name"));
        assertEquals("a1", parameters.get("agent_id"));
        assertFalse(parameters.snapshot().containsKey("user"));
        assertTrue(SessionParameters.handles("statement_timeout"));
        assertFalse(SessionParameters.handles("search_path"));
    }
}
