package io.hatidata.controlplane;

import io.hatidata.api.controlplane.ControlPlaneException;

/**
 * The product's rule for user passwords: {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters, not only
 * white space. The bootstrap password and the password chosen when accepting an invitation follow it.
 */
final class PasswordPolicy {
    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private PasswordPolicy() {}

    /** Whether the password is acceptable. */
    static boolean allows(String password) {
        return password != null && !password.isBlank() && password.length() >= MIN_LENGTH
                && password.length() <= MAX_LENGTH;
    }

    /** The password itself, or VALIDATION naming the field (never the value). */
    static String require(String password, String field) {
        if (password == null || password.isEmpty()) {
            throw ControlPlaneException.invalid(field, "required", field + " is required");
        }
        if (!allows(password)) {
            throw ControlPlaneException.invalid(field, "length",
                    field + " must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters and not only spaces");
        }
        return password;
    }
}
