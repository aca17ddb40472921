package io.hatidata.policy.masking;

import io.hatidata.api.engine.QueryEngine;
import io.hatidata.api.governance.ColumnMaskProvider;
import io.hatidata.api.governance.PolicyVerdict;
import io.hatidata.api.governance.PolicyVerdicts;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.policy.PolicyService;
import io.hatidata.api.policy.ShadowDecision;
import io.hatidata.api.policy.ShadowRecorder;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.GovernedTable;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableRewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Column masking by lineage (SPEC §2.7.2, LESSONS §2): every reference to a table with masked columns
 * becomes a sub-query that projects the masks ({@link TableRewriter}), so whatever the statement derives
 * from a masked column (functions, casts, joins, set operations, windows, predicates, aggregates) sees only
 * the masked value. Records a {@code mask} verdict per policy in {@link PolicyVerdicts}. The principal's
 * role is the statement's effective one ({@link QueryContext#identity()}, a just-in-time elevation included).
 *
 * <p>Shadow-mode masking policies are rewritten the same way, one policy at a time, and what they would do
 * ({@code mask}, {@code deny} when the statement could not be masked safely, or {@code none}) goes to the
 * {@link ShadowRecorder}; their rewrite is thrown away, so the statement runs exactly as without them.
 */
@Component(configurationPid = "io.hatidata.policy.masking", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = ColumnMaskProvider.class, property = "hatidata.policy.type=column_masking")
@Designate(ocd = MaskingConfig.class)
public final class MaskingProvider implements ColumnMaskProvider {
    private static final Logger LOG = LoggerFactory.getLogger(MaskingProvider.class);

    private final PolicyService policies;
    private final TableRewriter rewriter;
    private final QueryEngine engine;
    private final ColumnCatalog catalog;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ShadowRecorder shadow;

    @Activate
    public MaskingProvider(MaskingConfig config, @Reference PolicyService policies, @Reference TableRewriter rewriter,
            @Reference QueryEngine engine) {
        this.policies = policies;
        this.rewriter = rewriter;
        this.engine = engine;
        this.catalog = new ColumnCatalog(config.columnCacheMillis());
    }

    /** With a shadow recorder (tests). */
    MaskingProvider(MaskingConfig config, PolicyService policies, TableRewriter rewriter, QueryEngine engine,
            ShadowRecorder shadow) {
        this(config, policies, rewriter, engine);
        this.shadow = shadow;
    }

    @Override
    public String apply(QueryContext context) throws QueryException {
        Identity identity = context.identity();
        if (analysis(context) == StatementKind.DDL) {
            catalog.forget(identity.environmentId());
        }
        shadow(context);
        Map<String, MaskingRules.TableMasks> rules = MaskingRules.applicable(
                policies.enabledPolicies(identity.environmentId()), identity, context.session().settings());
        if (rules.isEmpty()) {
            return context.sql();
        }
        String rewritten = rewrite(context, rules);
        if (!rewritten.equals(context.sql())) {
            for (MaskingRules.TableMasks each : named(context, rules)) {
                for (Policy policy : each.policies()) {
                    PolicyVerdicts.record(context, new PolicyVerdict(policy.policyId(), policy.name(),
                            PolicyVerdict.MASK, targets(each), ""));
                }
            }
        }
        return rewritten;
    }

    /** Evaluates each shadow-mode masking policy on its own and records what it would do; never throws. */
    private void shadow(QueryContext context) {
        ShadowRecorder recorder = shadow;
        if (recorder == null || context.describeOnly()) {
            return;
        }
        Identity identity = context.identity();
        List<Policy> shadowed;
        try {
            shadowed = policies.shadowPolicies(identity.environmentId());
        } catch (RuntimeException ex) {
            LOG.warn("Shadow policies of {} cannot be read: {}", identity.environmentId(), ex.getMessage());
            return;
        }
        for (Policy policy : shadowed) {
            if (!Policy.COLUMN_MASKING.equals(policy.type())) {
                continue;
            }
            ShadowDecision decision;
            try {
                Map<String, MaskingRules.TableMasks> rules = MaskingRules.applicable(List.of(policy), identity,
                        context.session().settings());
                String rewritten = rules.isEmpty() ? context.sql() : rewrite(context, rules);
                if (rewritten.equals(context.sql())) {
                    decision = ShadowDecision.of(policy, context, ShadowDecision.NONE, List.of(), "");
                } else {
                    List<String> targets = new ArrayList<>();
                    named(context, rules).forEach(each -> targets.addAll(targets(each)));
                    decision = ShadowDecision.of(policy, context, ShadowDecision.MASK, targets, "");
                }
            } catch (QueryException ex) {
                decision = ShadowDecision.of(policy, context, ShadowDecision.DENY, List.of(), ex.getMessage());
            } catch (RuntimeException ex) {
                LOG.warn("Shadow evaluation of policy {} failed", policy.policyId(), ex);
                continue;
            }
            recorder.record(decision);
        }
    }

    private String rewrite(QueryContext context, Map<String, MaskingRules.TableMasks> rules) throws QueryException {
        String environment = context.identity().environmentId();
        List<GovernedTable> governed = new ArrayList<>();
        for (MaskingRules.TableMasks each : rules.values()) {
            List<String> columns = catalog.columns(engine, environment, each.table());
            if (columns.isEmpty()) {
                continue; // no such table (yet): reading it fails in the engine
            }
            governed.add(GovernedTable.masked(each.table(), each.policies().get(0).name(), columns, each.masks()));
        }
        return rewriter.rewrite(context.sql(), governed);
    }

    /** The tables of these rules that the statement's text names. */
    private static List<MaskingRules.TableMasks> named(QueryContext context, Map<String, MaskingRules.TableMasks> rules) {
        String lower = context.sql().toLowerCase(Locale.ROOT);
        List<MaskingRules.TableMasks> result = new ArrayList<>();
        for (MaskingRules.TableMasks each : rules.values()) {
            if (lower.contains(each.table().name().toLowerCase(Locale.ROOT))) {
                result.add(each);
            }
        }
        return result;
    }

    private static List<String> targets(MaskingRules.TableMasks masks) {
        List<String> targets = new ArrayList<>();
        for (String column : masks.columns()) {
            targets.add(masks.table() + "." + column);
        }
        return targets;
    }

    private static StatementKind analysis(QueryContext context) {
        Object value = context.attributes().get(StatementAnalysis.ATTRIBUTE);
        return value instanceof StatementAnalysis each ? each.kind() : StatementKind.UTILITY;
    }
}
