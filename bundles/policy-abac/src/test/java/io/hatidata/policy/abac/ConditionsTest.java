package io.hatidata.policy.abac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionsTest {
    private static final ZonedDateTime SATURDAY_NOON_UTC = ZonedDateTime.parse("2026-11-28T12:00:00Z");
    private static final ZonedDateTime TUESDAY_NINE_UTC = ZonedDateTime.parse("2026-11-24T09:00:00Z");

    @Test
    void inNotInAndEqualityOnSingleAndMultiValuedAttributes() {
        Map<String, List<String>> attributes = Map.of("agent.framework", List.of("langchain"),
                "resource.table", List.of("orders", "customers"));
        assertTrue(Conditions.hold(Map.of("agent.framework", Map.of("in", List.of("LangChain", "crewai"))), attributes, TUESDAY_NINE_UTC));
        assertFalse(Conditions.hold(Map.of("agent.framework", Map.of("not_in", List.of("langchain"))), attributes, TUESDAY_NINE_UTC));
        assertTrue(Conditions.hold(Map.of("resource.table", Map.of("in", List.of("orders"))), attributes, TUESDAY_NINE_UTC));
        assertFalse(Conditions.hold(Map.of("resource.table", Map.of("not_in", List.of("orders"))), attributes, TUESDAY_NINE_UTC));
        assertTrue(Conditions.hold(Map.of("agent.id", Map.of("not_equals", "x")), attributes, TUESDAY_NINE_UTC));
        assertFalse(Conditions.hold(Map.of("agent.id", Map.of("equals", "x")), attributes, TUESDAY_NINE_UTC));
    }

    @Test
    void cidrBlocksOnLiteralAddressesOnly() {
        assertTrue(Conditions.inCidr("10.1.2.3", "10.0.0.0/8"));
        assertFalse(Conditions.inCidr("11.1.2.3", "10.0.0.0/8"));
        assertTrue(Conditions.inCidr("2001:db8::1", "2001:db8::/32"));
        assertFalse(Conditions.inCidr("example.com", "10.0.0.0/8"));
        assertTrue(Conditions.hold(Map.of("request.ip", Map.of("not_cidr", List.of("10.0.0.0/8"))),
                Map.of("request.ip", List.of("192.0.2.1")), TUESDAY_NINE_UTC));
    }

    @Test
    void timeOfWeekOutsideHoursOrDaysInTheTimeZone() {
        Map<String, Object> businessHours = Map.of("time_of_week", Map.of(
                "outside_hours", Map.of("start", "08:00", "end", "18:00", "timezone", "UTC"),
                "outside_days", List.of("Saturday", "Sunday")));
        Map<String, List<String>> none = Map.of();
        assertTrue(Conditions.hold(businessHours, none, SATURDAY_NOON_UTC));
        assertFalse(Conditions.hold(businessHours, none, TUESDAY_NINE_UTC));
        assertTrue(Conditions.hold(businessHours, none, ZonedDateTime.parse("2026-11-24T19:30:00Z")));
        Map<String, Object> tokyo = Map.of("time_of_week", Map.of(
                "outside_hours", Map.of("start", "08:00", "end", "18:00", "timezone", "Asia/Tokyo")));
        assertTrue(Conditions.hold(tokyo, none, TUESDAY_NINE_UTC), "09:00 UTC is 18:00 in Tokyo");
    }

    @Test
    void actionsAndResources() {
        assertEquals("query", AbacEvaluator.action(analysis(StatementKind.QUERY), "SELECT 1"));
        assertEquals("write", AbacEvaluator.action(analysis(StatementKind.UPDATE), "UPDATE t SET a = 1"));
        assertEquals("delete", AbacEvaluator.action(analysis(StatementKind.DELETE), "DELETE FROM t"));
        assertEquals("delete", AbacEvaluator.action(analysis(StatementKind.DDL), "DROP TABLE t"));
        assertEquals("write", AbacEvaluator.action(analysis(StatementKind.DDL), "CREATE TABLE t (a INT)"));
        assertTrue(AbacEvaluator.resourcesMatch(List.of("table:ord*"), Set.of("main.orders")));
        assertFalse(AbacEvaluator.resourcesMatch(List.of("table:ord*"), Set.of("customers")));
        assertTrue(AbacEvaluator.resourcesMatch(List.of("*"), Set.of()));
        assertFalse(AbacEvaluator.resourcesMatch(List.of("table:*"), Set.of()));
    }

    private static StatementAnalysis analysis(StatementKind kind) {
        return new StatementAnalysis("x", kind, List.of(), List.of(), List.of(), "x", true);
    }
}
