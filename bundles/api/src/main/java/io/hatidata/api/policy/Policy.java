package io.hatidata.api.policy;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stored policy.
 *
 * @param policyId {@code pol_…}
 * @param environmentId the environment it governs
 * @param organizationId the environment's organization
 * @param name unique within the environment
 * @param type {@link #COLUMN_MASKING}, {@link #ROW_LEVEL_SECURITY} or {@link #ABAC}
 * @param enabled whether it is enforced
 * @param definition the type's fields: {@code rules} (a list of rule objects) for masking and row-level
 *     security; {@code description}, {@code effect}, {@code conditions}, {@code actions},
 *     {@code resources} for ABAC (docs/policies.md)
 * @param mode {@link #ENFORCE} (the providers apply it) or {@link #SHADOW} (evaluated on live traffic, its
 *     would-be decisions recorded, never enforced); since 1.1.0
 */
public record Policy(String policyId, String environmentId, String organizationId, String name, String type,
        boolean enabled, Map<String, Object> definition, Instant createdAt, Instant updatedAt, String mode) {
    public static final String COLUMN_MASKING = "column_masking";
    public static final String ROW_LEVEL_SECURITY = "row_level_security";
    public static final String ABAC = "abac";
    /** The policy is enforced (the default). */
    public static final String ENFORCE = "enforce";
    /** The policy is evaluated and its would-be decisions recorded, but not enforced. */
    public static final String SHADOW = "shadow";

    /** An enforced policy (the form of version 1.0.0). */
    public Policy(String policyId, String environmentId, String organizationId, String name, String type,
            boolean enabled, Map<String, Object> definition, Instant createdAt, Instant updatedAt) {
        this(policyId, environmentId, organizationId, name, type, enabled, definition, createdAt, updatedAt, ENFORCE);
    }

    public Policy {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        definition = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(definition));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!ENFORCE.equals(mode) && !SHADOW.equals(mode)) {
            throw new IllegalArgumentException("mode must be enforce or shadow: " + mode);
        }
    }

    /** Whether the policy is in shadow mode (recorded, not enforced). */
    public boolean shadow() {
        return SHADOW.equals(mode);
    }
}
