package io.hatidata.policy;

import io.hatidata.api.governance.ColumnMaskProvider;
import io.hatidata.api.governance.PolicyDecision;
import io.hatidata.api.governance.PolicyEvaluator;
import io.hatidata.api.governance.RowFilterProvider;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.policy.PolicyService;
import io.hatidata.api.engine.QueryEngine;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.LeadingWords;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Keeps enforcement closed while the policy bundles change (policy stage, order 400):
 * <ul>
 *   <li>while an environment has enabled {@code column_masking} (or {@code row_level_security}) policies
 *       and the product's masking (row filter) provider is not registered, for example during a bundle
 *       update, every statement of that environment is refused with 42501 instead of running unmasked;
 *   <li>{@code CREATE VIEW} and {@code CREATE MACRO} over a governed table are refused for everyone, exempt
 *       roles included: DuckDB expands a view or a macro where it is used, for whoever uses it, so it would
 *       hand the raw table to the roles the policy governs;
 *   <li>reading a view that reads a governed table (directly or through other views, from
 *       {@code duckdb_views()}) is refused for the principals a rule governs: such views exist only if
 *       they were created before the policy.
 * </ul>
 * The product's providers carry the service property {@value #TYPE_PROPERTY}.
 */
@Component(service = PolicyEvaluator.class)
public final class EnforcementGuard implements PolicyEvaluator {
    /** Service property of the product's enforcing providers: the policy type they enforce. */
    public static final String TYPE_PROPERTY = "hatidata.policy.type";
    /** Words that may stand between CREATE and VIEW or MACRO. */
    private static final Set<String> CREATE_MODIFIERS = Set.of("OR", "REPLACE", "TEMP", "TEMPORARY", "MATERIALIZED",
            "RECURSIVE");
    /** What DuckDB expands where it is used, for whoever uses it: a view, a macro (scalar or table). */
    private static final Set<String> EXPANDED = Set.of("VIEW", "MACRO", "FUNCTION");
    private static final String GUARD = "policy-enforcement";

    private final PolicyService policies;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + TYPE_PROPERTY + "=column_masking)")
    private volatile List<ColumnMaskProvider> maskers = List.of();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + TYPE_PROPERTY + "=row_level_security)")
    private volatile List<RowFilterProvider> filters = List.of();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile QueryEngine engine;

    private final GovernedViews views = new GovernedViews();

    @Activate
    public EnforcementGuard(@Reference PolicyService policies) {
        this.policies = policies;
    }

    EnforcementGuard(PolicyService policies, List<ColumnMaskProvider> maskers, List<RowFilterProvider> filters,
            QueryEngine engine) {
        this.policies = policies;
        this.maskers = List.copyOf(maskers);
        this.filters = List.copyOf(filters);
        this.engine = engine;
    }

    @Override
    public PolicyDecision evaluate(QueryContext context) throws QueryException {
        if (context.attributes().get(StatementAnalysis.ATTRIBUTE) instanceof StatementAnalysis analysis
                && analysis.kind() == StatementKind.DDL) {
            views.forget(context.session().identity().environmentId());
        }
        List<Policy> enabled = policies.enabledPolicies(context.session().identity().environmentId());
        if (enabled.isEmpty()) {
            return PolicyDecision.allow();
        }
        Set<String> governed = new LinkedHashSet<>();
        Set<String> governedForPrincipal = new LinkedHashSet<>();
        String role = context.identity().role();
        for (Policy each : enabled) {
            boolean masking = Policy.COLUMN_MASKING.equals(each.type());
            boolean filtering = Policy.ROW_LEVEL_SECURITY.equals(each.type());
            if (masking && maskers.isEmpty()) {
                return PolicyDecision.deny(each.name(), "the column masking bundle is not running");
            }
            if (filtering && filters.isEmpty()) {
                return PolicyDecision.deny(each.name(), "the row-level security bundle is not running");
            }
            if ((masking || filtering) && each.definition().get("rules") instanceof List<?> rules) {
                for (Object rule : rules) {
                    if (rule instanceof Map<?, ?> map) {
                        String table = String.valueOf(map.get("table"));
                        String name = table.substring(table.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                        governed.add(name);
                        if (!(map.get("exempt_roles") instanceof List<?> exempt && exempt.contains(role))) {
                            governedForPrincipal.add(name);
                        }
                    }
                }
            }
        }
        String created = createsExpandedObject(context.sql());
        if (!governed.isEmpty() && created != null) {
            if (GovernedViews.mentionsAny(context.sql(), GovernedViews.DYNAMIC_SQL)) {
                // CREATE MACRO t(n) AS TABLE FROM query_table(n): SELECT * FROM t('customers') would read the
                // governed table under a name no policy sees
                return PolicyDecision.deny(GUARD, "a " + created + " that runs dynamic SQL could read a governed"
                        + " table under another name");
            }
            for (String table : governed) {
                if (readsTable(context, table)) {
                    return PolicyDecision.deny(GUARD, "a " + created + " over the governed table " + table
                            + " would be expanded unmasked for whoever reads it");
                }
            }
        }
        QueryEngine current = engine;
        if (!governedForPrincipal.isEmpty()) {
            if (current == null) {
                return PolicyDecision.deny(GUARD, "views cannot be checked while the engine is away");
            }
            String environment = context.session().identity().environmentId();
            for (String view : views.tainted(current, environment, governedForPrincipal)) {
                if (views.isMacro(environment, view)) {
                    // a macro is called, not read as a table: its name anywhere as a word counts
                    if (GovernedViews.mentionsAny(context.sql(), Set.of(view))) {
                        return PolicyDecision.deny(GUARD, "the macro " + view
                                + " reads a governed table or runs dynamic SQL");
                    }
                } else if (readsTable(context, view)) {
                    return PolicyDecision.deny(GUARD, "the view " + view + " reads a governed table");
                }
            }
        }
        return PolicyDecision.allow();
    }

    /**
     * {@code view} or {@code macro} when the statement creates one ({@code CREATE [OR REPLACE] [TEMP]
     * VIEW|MACRO|FUNCTION}, comments anywhere between the words), else {@code null}.
     */
    static String createsExpandedObject(String sql) {
        List<String> words = LeadingWords.of(sql, 6);
        if (words.isEmpty() || !words.get(0).equals("CREATE")) {
            return null;
        }
        for (String each : words.subList(1, words.size())) {
            if (EXPANDED.contains(each)) {
                return each.equals("VIEW") ? "view" : "macro";
            }
            if (!CREATE_MODIFIERS.contains(each)) {
                return null;
            }
        }
        return null;
    }

    private static boolean readsTable(QueryContext context, String table) {
        if (context.attributes().get(StatementAnalysis.ATTRIBUTE) instanceof StatementAnalysis analysis
                && analysis.analyzed()) {
            for (TableReference each : analysis.tablesRead()) {
                if (each.name().equalsIgnoreCase(table)) {
                    return true;
                }
            }
            return false;
        }
        return Pattern.compile("(?i)(^|[^A-Za-z0-9_$])\"?" + Pattern.quote(table) + "\"?($|[^A-Za-z0-9_$])")
                .matcher(context.sql()).find();
    }
}
