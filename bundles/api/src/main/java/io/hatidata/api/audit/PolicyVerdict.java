package io.hatidata.api.audit;

import java.util.List;

/**
 * What a policy decided about one statement (SPEC §2.10.1 {@code policy_verdicts[]}).
 *
 * @param policyId the policy's id, or empty when the evaluator gave none
 * @param policyName the policy's name
 * @param action {@code allow}, {@code deny}, {@code mask} or {@code filter}
 * @param columns the columns the verdict concerns (masked columns), possibly empty
 */
public record PolicyVerdict(String policyId, String policyName, String action, List<String> columns) {
    public PolicyVerdict {
        columns = List.copyOf(columns);
    }
}
