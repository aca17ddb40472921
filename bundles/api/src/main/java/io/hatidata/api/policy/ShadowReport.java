package io.hatidata.api.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The summary of a policy's recorded shadow decisions (over the decisions retained, see docs/provisioning.md).
 *
 * @param policyId the policy
 * @param mode its mode now
 * @param statementsEvaluated statements the policy was evaluated on while in shadow mode
 * @param wouldDeny statements it would have refused
 * @param wouldMask statements whose columns it would have masked
 * @param wouldFilter statements it would have filtered
 * @param distinctPrincipals principals (keys or users) with a deny, mask or filter decision
 * @param firstSeen the first evaluation, or {@code null} when none
 * @param lastSeen the last evaluation, or {@code null} when none
 * @param dropped decisions this node dropped because the queue was full (since it started)
 * @param samples the most recent decisions that would have changed something (at most 10)
 * @since 1.1.0
 */
public record ShadowReport(String policyId, String mode, long statementsEvaluated, long wouldDeny, long wouldMask,
        long wouldFilter, long distinctPrincipals, Instant firstSeen, Instant lastSeen, long dropped,
        List<ShadowDecision> samples) {
    public ShadowReport {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(mode, "mode");
        samples = List.copyOf(samples);
    }
}
