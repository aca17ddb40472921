package io.hatidata.api.governance;

import java.util.List;
import java.util.Objects;

/**
 * One policy's verdict on one statement, kept for the audit record (see {@link PolicyVerdicts}).
 *
 * @param policyId the policy's id
 * @param policyName the policy's name
 * @param action {@code mask} (columns masked), {@code filter} (rows filtered), {@code deny} (refused),
 *     {@code allow} (an ABAC allow matched)
 * @param targets what the verdict applies to: {@code table.column} for masks, tables for filters and
 *     denials
 * @param reason why (for denials), else empty
 * @since 1.1.0
 */
public record PolicyVerdict(String policyId, String policyName, String action, List<String> targets, String reason) {
    public static final String MASK = "mask";
    public static final String FILTER = "filter";
    public static final String DENY = "deny";
    public static final String ALLOW = "allow";

    public PolicyVerdict {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(action, "action");
        targets = List.copyOf(targets);
        reason = reason == null ? "" : reason;
    }
}
