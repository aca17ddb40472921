package io.hatidata.policy;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.governance.ColumnMaskProvider;
import io.hatidata.api.governance.PolicyDecision;
import io.hatidata.api.governance.PolicyEvaluator;
import io.hatidata.api.governance.PolicyVerdicts;
import io.hatidata.api.governance.RowFilterProvider;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.policy.PolicyEvaluation;
import io.hatidata.api.policy.Principal;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.ResultSink;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.sql.SqlAnalyzer;
import io.hatidata.api.sql.StatementAnalysis;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tries one statement the way the pipeline's policy (400), row-filter (700) and masking (750) stages would
 * treat it for a principal, with the providers installed now; nothing runs on the engine.
 */
final class Evaluation {
    private final SqlAnalyzer analyzer;
    private final List<PolicyEvaluator> evaluators;
    private final List<RowFilterProvider> rowFilters;
    private final List<ColumnMaskProvider> masks;

    Evaluation(SqlAnalyzer analyzer, List<PolicyEvaluator> evaluators, List<RowFilterProvider> rowFilters,
            List<ColumnMaskProvider> masks) {
        this.analyzer = analyzer;
        this.evaluators = List.copyOf(evaluators);
        this.rowFilters = List.copyOf(rowFilters);
        this.masks = List.copyOf(masks);
    }

    PolicyEvaluation run(Environment environment, Caller caller, String sql, Principal principal) {
        String userId = principal.userId().isEmpty() ? caller.identity().userId() : principal.userId();
        Identity identity = new Identity(environment.organizationId(), userId, "policy-evaluation", principal.role(),
                environment.id(), environment.name(), principal.keyId());
        Session session = new Session("ses_eval_" + UUID.randomUUID(), identity, Map.of());
        principal.settings().forEach((name, value) -> session.setting(name.toLowerCase(java.util.Locale.ROOT), value));
        QueryContext context = QueryContext.of(session, "qry_eval_" + UUID.randomUUID(), sql, ResultSink.discarding());
        context.attributes().put(Principal.ATTRIBUTES, principal.attributes());
        try {
            if (analyzer != null) {
                context.attributes().put(StatementAnalysis.ATTRIBUTE, analyzer.analyze(sql));
            }
            for (PolicyEvaluator each : evaluators) {
                PolicyDecision decision = each.evaluate(context);
                if (!decision.allowed()) {
                    String policy = decision.policy().isEmpty() ? "" : " " + decision.policy();
                    String reason = decision.reason().isEmpty() ? "" : ": " + decision.reason();
                    return new PolicyEvaluation(false, SqlState.INSUFFICIENT_PRIVILEGE,
                            "permission denied by policy" + policy + reason, "", PolicyVerdicts.of(context));
                }
            }
            QueryContext current = context;
            for (RowFilterProvider each : rowFilters) {
                current = current.withSql(each.apply(current));
            }
            for (ColumnMaskProvider each : masks) {
                current = current.withSql(each.apply(current));
            }
            return new PolicyEvaluation(true, "", "", current.sql(), PolicyVerdicts.of(context));
        } catch (QueryException ex) {
            return new PolicyEvaluation(false, ex.sqlState(), ex.getMessage(), "", PolicyVerdicts.of(context));
        } finally {
            session.close();
        }
    }
}
