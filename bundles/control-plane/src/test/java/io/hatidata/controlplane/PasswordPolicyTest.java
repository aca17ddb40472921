package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.controlplane.ControlPlaneException;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    @Test
    void twelveToOneHundredTwentyEightCharactersNotOnlySpaces() {
        assertFalse(PasswordPolicy.allows("eleven char"));
        assertTrue(PasswordPolicy.allows("twelve chars"));
        assertTrue(PasswordPolicy.allows("x".repeat(128)));
        assertFalse(PasswordPolicy.allows("x".repeat(129)));
        assertFalse(PasswordPolicy.allows(" ".repeat(20)));
        assertFalse(PasswordPolicy.allows(null));
    }

    @Test
    void aRefusalNamesTheFieldButNotTheValue() {
        ControlPlaneException ex = assertThrows(ControlPlaneException.class, () -> PasswordPolicy.require("short one", "password"));
        assertEquals(ControlPlaneException.Reason.VALIDATION, ex.reason());
        assertEquals("password", ex.details().get("field"));
        assertFalse(ex.getMessage().contains("short one"));
        assertEquals("required", assertThrows(ControlPlaneException.class, () -> PasswordPolicy.require(null, "password"))
                .details().get("constraint"));
    }
}
