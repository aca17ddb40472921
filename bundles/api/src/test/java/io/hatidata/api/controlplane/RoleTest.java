package io.hatidata.api.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void followsThePermissionMatrix() {
        assertEquals(EnumSet.allOf(Permission.class).size(), Permission.values().length);
        for (Permission each : Permission.values()) {
            assertTrue(Role.OWNER.has(each));
        }
        assertFalse(Role.ADMIN.has(Permission.MANAGE_BILLING));
        assertFalse(Role.ADMIN.has(Permission.DELETE_ORGANIZATION));
        assertTrue(Role.ADMIN.has(Permission.MANAGE_API_KEYS));
        assertTrue(Role.ANALYST.has(Permission.EXECUTE_QUERIES));
        assertFalse(Role.ANALYST.has(Permission.MODIFY_SCHEMA));
        assertFalse(Role.AUDITOR.has(Permission.EXECUTE_QUERIES));
        assertTrue(Role.AUDITOR.has(Permission.VIEW_AUDIT_LOGS));
        assertTrue(Role.DEVELOPER.has(Permission.MODIFY_SCHEMA));
        assertFalse(Role.DEVELOPER.has(Permission.MANAGE_USERS));
        assertTrue(Role.SERVICE_ACCOUNT.has(Permission.EXECUTE_QUERIES));
        assertFalse(Role.SERVICE_ACCOUNT.has(Permission.MODIFY_SCHEMA));
    }

    @Test
    void elevationRules() {
        assertTrue(Role.OWNER.mayGrant(Role.ADMIN));
        assertTrue(Role.OWNER.mayGrant(Role.OWNER));
        assertFalse(Role.ADMIN.mayGrant(Role.ADMIN));
        assertFalse(Role.ADMIN.mayGrant(Role.OWNER));
        assertTrue(Role.ADMIN.mayGrant(Role.DEVELOPER));
        assertFalse(Role.DEVELOPER.mayGrant(Role.ANALYST));
    }

    @Test
    void readsJsonValues() {
        assertEquals(Optional.of(Role.SERVICE_ACCOUNT), Role.fromJson("service_account"));
        assertEquals(Optional.empty(), Role.fromJson("root"));
        assertEquals(Optional.of(Tier.GROWTH), Tier.fromJson("growth"));
        assertEquals(1_000, Tier.GROWTH.requestsPerMinute());
    }
}
