package io.hatidata.api.policy;

import io.hatidata.api.governance.PolicyVerdict;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of trying a statement against the environment's policies without running it.
 *
 * @param allowed whether the statement would run
 * @param sqlState empty when allowed, else the refusal's SQLSTATE ({@code 42501})
 * @param message empty when allowed, else the refusal's message
 * @param rewrittenSql the statement as the engine would receive it after row filters and masks (before
 *     translation to DuckDB), or empty when refused
 * @param verdicts every policy verdict, as the audit record would list them
 */
public record PolicyEvaluation(boolean allowed, String sqlState, String message, String rewrittenSql,
        List<PolicyVerdict> verdicts) {
    public PolicyEvaluation {
        Objects.requireNonNull(sqlState, "sqlState");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rewrittenSql, "rewrittenSql");
        verdicts = List.copyOf(verdicts);
    }
}
