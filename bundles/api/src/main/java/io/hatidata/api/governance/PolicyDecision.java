package io.hatidata.api.governance;

import java.util.Objects;

/**
 * A policy evaluator's verdict on one statement.
 *
 * @param allowed whether the evaluator lets the statement run
 * @param policy the name of the policy that decided, for the client message and the audit record
 * @param reason why, written for the client (never a secret); empty when allowed
 * @since 1.0.0
 */
public record PolicyDecision(boolean allowed, String policy, String reason) {
    private static final PolicyDecision ALLOW = new PolicyDecision(true, "", "");

    public PolicyDecision {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reason, "reason");
    }

    /** The statement may run as far as this evaluator is concerned. */
    public static PolicyDecision allow() {
        return ALLOW;
    }

    /** The statement is refused by this policy, for this reason. */
    public static PolicyDecision deny(String policy, String reason) {
        return new PolicyDecision(false, policy, reason);
    }
}
