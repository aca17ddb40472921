package io.hatidata.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.LoggedDomainEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamRecordsTest {

    @Test
    void splitsPreviousFactsIntoBeforeAndTheRestIntoAfter() {
        DomainEvent event = new DomainEvent("user.role_changed", "org_1", "usr_owner", "usr_2",
                Map.of("role", "admin", "previous_role", "analyst", "request_id", "req_9"), Instant.ofEpochMilli(5));
        ChainRecord record = IamRecords.of(new LoggedDomainEvent(12, "evt_12", event));
        assertEquals("org_1", record.chainId());
        assertEquals("{\"role\":\"analyst\"}", record.values().get("before_state"));
        assertEquals("{\"role\":\"admin\"}", record.values().get("after_state"));
        assertEquals("user", record.values().get("resource_type"));
        assertEquals("user", record.values().get("actor_type"));
        assertEquals("req_9", record.values().get("request_id"));
        assertEquals(12L, record.values().get("event_seq"));
        assertEquals(5L, record.values().get("ts"));
    }

    @Test
    void actorTypes() {
        assertEquals("system", IamRecords.actorType(""));
        assertEquals("api_key", IamRecords.actorType("key_1"));
        assertEquals("agent", IamRecords.actorType("agt_1"));
        assertEquals("user", IamRecords.actorType("usr_1"));
    }
}
