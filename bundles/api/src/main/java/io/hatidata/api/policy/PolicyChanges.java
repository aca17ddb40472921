package io.hatidata.api.policy;

import java.util.Map;

/**
 * A new policy, or changes to one: {@code null} fields stay as they are (for a new policy: {@code enabled}
 * defaults to true, {@code mode} to {@link Policy#ENFORCE}; {@code name}, {@code type} and {@code definition}
 * are required).
 *
 * @param mode {@link Policy#ENFORCE} or {@link Policy#SHADOW}, or {@code null}; since 1.1.0
 */
public record PolicyChanges(String name, String type, Boolean enabled, Map<String, Object> definition, String mode) {

    /** Changes that leave the mode as it is (the form of version 1.0.0). */
    public PolicyChanges(String name, String type, Boolean enabled, Map<String, Object> definition) {
        this(name, type, enabled, definition, null);
    }
}
