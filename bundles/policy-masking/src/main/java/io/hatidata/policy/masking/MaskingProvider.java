package io.hatidata.policy.masking;

import io.hatidata.api.engine.QueryEngine;
import io.hatidata.api.governance.ColumnMaskProvider;
import io.hatidata.api.governance.PolicyVerdict;
import io.hatidata.api.governance.PolicyVerdicts;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.policy.PolicyService;
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
import org.osgi.service.metatype.annotations.Designate;

/**
 * Column masking by lineage (SPEC §2.7.2, LESSONS §2): every reference to a table with masked columns
 * becomes a sub-query that projects the masks ({@link TableRewriter}), so whatever the statement derives
 * from a masked column (functions, casts, joins, set operations, windows, predicates, aggregates) sees only
 * the masked value. Records a {@code mask} verdict per policy in {@link PolicyVerdicts}.
 */
@Component(configurationPid = "io.hatidata.policy.masking", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = ColumnMaskProvider.class, property = "hatidata.policy.type=column_masking")
@Designate(ocd = MaskingConfig.class)
public final class MaskingProvider implements ColumnMaskProvider {
    private final PolicyService policies;
    private final TableRewriter rewriter;
    private final QueryEngine engine;
    private final ColumnCatalog catalog;

    @Activate
    public MaskingProvider(MaskingConfig config, @Reference PolicyService policies, @Reference TableRewriter rewriter,
            @Reference QueryEngine engine) {
        this.policies = policies;
        this.rewriter = rewriter;
        this.engine = engine;
        this.catalog = new ColumnCatalog(config.columnCacheMillis());
    }

    @Override
    public String apply(QueryContext context) throws QueryException {
        Identity identity = context.session().identity();
        if (analysis(context) == StatementKind.DDL) {
            catalog.forget(identity.environmentId());
        }
        Map<String, MaskingRules.TableMasks> rules = MaskingRules.applicable(
                policies.enabledPolicies(identity.environmentId()), identity, context.session().settings());
        if (rules.isEmpty()) {
            return context.sql();
        }
        List<GovernedTable> governed = new ArrayList<>();
        for (MaskingRules.TableMasks each : rules.values()) {
            List<String> columns = catalog.columns(engine, identity.environmentId(), each.table());
            if (columns.isEmpty()) {
                continue; // no such table (yet): reading it fails in the engine
            }
            governed.add(GovernedTable.masked(each.table(), each.policies().get(0).name(), columns, each.masks()));
        }
        String rewritten = rewriter.rewrite(context.sql(), governed);
        if (!rewritten.equals(context.sql())) {
            String lower = context.sql().toLowerCase(Locale.ROOT);
            for (MaskingRules.TableMasks each : rules.values()) {
                if (!lower.contains(each.table().name().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                for (Policy policy : each.policies()) {
                    List<String> targets = new ArrayList<>();
                    for (String column : each.columns()) {
                        targets.add(each.table() + "." + column);
                    }
                    PolicyVerdicts.record(context, new PolicyVerdict(policy.policyId(), policy.name(),
                            PolicyVerdict.MASK, targets, ""));
                }
            }
        }
        return rewritten;
    }

    private static StatementKind analysis(QueryContext context) {
        Object value = context.attributes().get(StatementAnalysis.ATTRIBUTE);
        return value instanceof StatementAnalysis each ? each.kind() : StatementKind.UTILITY;
    }
}
