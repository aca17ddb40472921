package io.hatidata.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.LoggedDomainEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventPayloadTest {
    private static final Instant AT = Instant.parse("2026-03-04T05:06:07.123456Z");

    @Test
    void aKeyEventNamesTheKeyTheActorAndTheEnvironment() {
        LoggedDomainEvent logged = new LoggedDomainEvent(7, "evt_abc", new DomainEvent("key.created", "org_1", "usr_1",
                "key_9", Map.of("environment_id", "env_dev_1", "prefix", "hd_test_abcd"), AT));
        assertEquals("{\"id\":\"evt_abc\",\"type\":\"key.created\",\"created_at\":\"2026-03-04T05:06:07.123Z\","
                + "\"org_id\":\"org_1\",\"env_id\":\"env_dev_1\",\"data\":{\"key_id\":\"key_9\",\"actor_id\":\"usr_1\","
                + "\"environment_id\":\"env_dev_1\",\"prefix\":\"hd_test_abcd\"}}", EventPayload.of(logged));
    }

    @Test
    void anEnvironmentEventIsItsOwnEnvironmentAndOrganizationEventsHaveNone() {
        DomainEvent created = new DomainEvent("environment.created", "org_1", "", "env_prod_1", Map.of("name", "prod"), AT);
        assertEquals("env_prod_1", EventPayload.environmentOf(created));
        assertTrue(EventPayload.of(new LoggedDomainEvent(1, "evt_1", created)).contains("\"data\":{\"env_id\":\"env_prod_1\",\"name\":\"prod\"}"));
        assertEquals(null, EventPayload.environmentOf(new DomainEvent("billing.quota_exceeded", "org_1", "", "org_1", Map.of(), AT)));
    }

    @Test
    void textIsEscapedAndOversizedFactsAreDropped() {
        DomainEvent quoted = new DomainEvent("user.invited", "org_1", "", "usr_2", Map.of("email", "a\"b\\c\n\u0001"), AT);
        assertTrue(EventPayload.of(new LoggedDomainEvent(1, "evt_1", quoted)).contains("\"email\":\"a\\\"b\\\\c\\n\\u0001\""));
        DomainEvent huge = new DomainEvent("user.invited", "org_1", "", "usr_2", Map.of("note", "x".repeat(40_000)), AT);
        String payload = EventPayload.of(new LoggedDomainEvent(1, "evt_1", huge));
        assertTrue(payload.length() < EventPayload.MAX_LENGTH);
        assertTrue(payload.endsWith("\"data\":{\"user_id\":\"usr_2\",\"truncated\":true}}"));
    }
}
