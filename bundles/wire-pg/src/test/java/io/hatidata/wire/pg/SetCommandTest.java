package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SetCommandTest {

    @Test
    void parsesTheFormsDriversSend() {
        assertEquals(new SetCommand(SetCommand.Kind.SET, "application_name", "PostgreSQL JDBC Driver"),
                SetCommand.parse("SET application_name = 'PostgreSQL JDBC Driver'").orElseThrow());
        assertEquals(new SetCommand(SetCommand.Kind.SET, "extra_float_digits", "3"),
                SetCommand.parse("set extra_float_digits to 3;").orElseThrow());
        assertEquals(new SetCommand(SetCommand.Kind.SET, "timezone", "UTC"),
                SetCommand.parse("SET SESSION TIME ZONE 'UTC'").orElseThrow());
        assertEquals(new SetCommand(SetCommand.Kind.SET, "datestyle", "ISO"),
                SetCommand.parse("SET DateStyle TO \"ISO\"").orElseThrow());
        assertEquals(new SetCommand(SetCommand.Kind.SET, "application_name", ""),
                SetCommand.parse("SET application_name TO DEFAULT").orElseThrow());
        assertEquals(new SetCommand(SetCommand.Kind.SET, "hatidata_agent_id", "it's"),
                SetCommand.parse("SET hatidata_agent_id = 'it''s'").orElseThrow());
        assertEquals(new SetCommand(SetCommand.Kind.RESET, "application_name", ""),
                SetCommand.parse("RESET application_name").orElseThrow());
        assertEquals(new SetCommand(SetCommand.Kind.SHOW, "timezone", ""),
                SetCommand.parse("show TimeZone").orElseThrow());
    }

    @Test
    void parsesTransactionIsolation() {
        assertEquals(new SetCommand(SetCommand.Kind.SET, "default_transaction_isolation", "READ COMMITTED"),
                SetCommand.parse("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED").orElseThrow());
        assertEquals(new SetCommand(SetCommand.Kind.SET, "transaction_isolation", "SERIALIZABLE"),
                SetCommand.parse("set transaction isolation level SERIALIZABLE;").orElseThrow());
        assertEquals(new SetCommand(SetCommand.Kind.SHOW, "transaction_isolation", ""),
                SetCommand.parse("SHOW TRANSACTION ISOLATION LEVEL").orElseThrow());
    }

    @Test
    void leavesOtherStatementsAlone() {
        assertTrue(SetCommand.parse("SELECT 1").isEmpty());
        assertTrue(SetCommand.parse("SHOW TABLES FROM x").isEmpty());
        assertTrue(SetCommand.parse("UPDATE t SET a = 1").isEmpty());
    }
}
