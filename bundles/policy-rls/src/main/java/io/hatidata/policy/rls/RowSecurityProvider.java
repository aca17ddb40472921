package io.hatidata.policy.rls;

import io.hatidata.api.governance.PolicyVerdict;
import io.hatidata.api.governance.PolicyVerdicts;
import io.hatidata.api.governance.RowFilterProvider;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.policy.PolicyService;
import io.hatidata.api.policy.Principal;
import io.hatidata.api.policy.ShadowDecision;
import io.hatidata.api.policy.ShadowRecorder;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.GovernedTable;
import io.hatidata.api.sql.TableReference;
import io.hatidata.api.sql.TableRewriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Row-level security (SPEC §2.7.2): every reference to a table with a row filter becomes
 * {@code (SELECT * FROM table WHERE filter)}, and UPDATE and DELETE of it get the filter ANDed into their
 * WHERE ({@link TableRewriter}). Placeholders come from the identity ({@code user_id}, {@code user_name},
 * {@code role}, {@code org_id}, {@code env_id}, {@code environment}, {@code key_id}), the session
 * ({@code agent_id}, {@code framework}) and the principal's stored attributes; several filters on one table
 * all apply. Records a {@code filter} verdict per policy. The role is the statement's effective one
 * ({@link QueryContext#identity()}, a just-in-time elevation included). Shadow-mode policies are evaluated
 * one at a time and recorded ({@link ShadowRecorder}), their rewrite thrown away.
 */
@Component(service = RowFilterProvider.class, property = "hatidata.policy.type=row_level_security")
public final class RowSecurityProvider implements RowFilterProvider {
    private static final Logger LOG = LoggerFactory.getLogger(RowSecurityProvider.class);
    private final PolicyService policies;
    private final TableRewriter rewriter;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ShadowRecorder shadow;

    @Activate
    public RowSecurityProvider(@Reference PolicyService policies, @Reference TableRewriter rewriter) {
        this.policies = policies;
        this.rewriter = rewriter;
    }

    /** With a shadow recorder (tests). */
    RowSecurityProvider(PolicyService policies, TableRewriter rewriter, ShadowRecorder shadow) {
        this(policies, rewriter);
        this.shadow = shadow;
    }

    @Override
    public String apply(QueryContext context) throws QueryException {
        shadow(context);
        Filters filters = filters(context, policies.enabledPolicies(context.identity().environmentId()));
        if (filters.byTable().isEmpty()) {
            return context.sql();
        }
        String rewritten = rewriter.rewrite(context.sql(), governed(filters));
        if (!rewritten.equals(context.sql())) {
            for (Map.Entry<String, List<Object[]>> each : named(context, filters)) {
                for (Object[] filter : each.getValue()) {
                    Policy policy = (Policy) filter[0];
                    PolicyVerdicts.record(context, new PolicyVerdict(policy.policyId(), policy.name(),
                            PolicyVerdict.FILTER, List.of(each.getKey()), ""));
                }
            }
        }
        return rewritten;
    }

    /** The filters of these policies that apply to the statement's principal, per table: {policy, bound, template}. */
    private record Filters(Map<String, List<Object[]>> byTable) {}

    private Filters filters(QueryContext context, List<Policy> candidates) {
        Identity identity = context.identity();
        Map<String, List<Object[]>> byTable = new LinkedHashMap<>();
        Map<String, String> values = null;
        for (Policy policy : candidates) {
            if (!Policy.ROW_LEVEL_SECURITY.equals(policy.type())
                    || !(policy.definition().get("rules") instanceof List<?> rules)) {
                continue;
            }
            for (Object each : rules) {
                if (!(each instanceof Map<?, ?> rule) || exempt(rule, identity.role())) {
                    continue;
                }
                if (values == null) {
                    values = values(context);
                }
                String template = String.valueOf(rule.get("filter"));
                FilterTemplate.Bound bound = FilterTemplate.bind(template, values);
                byTable.computeIfAbsent(String.valueOf(rule.get("table")), key -> new ArrayList<>())
                        .add(new Object[] {policy, bound, template});
            }
        }
        return new Filters(byTable);
    }

    private static List<GovernedTable> governed(Filters filters) {
        List<GovernedTable> governed = new ArrayList<>();
        for (Map.Entry<String, List<Object[]>> each : filters.byTable().entrySet()) {
            List<String> predicates = new ArrayList<>();
            List<Object> bound = new ArrayList<>();
            for (Object[] filter : each.getValue()) {
                FilterTemplate.Bound one = (FilterTemplate.Bound) filter[1];
                predicates.add("(" + one.predicate() + ")");
                bound.addAll(one.values());
            }
            Policy first = (Policy) each.getValue().get(0)[0];
            governed.add(GovernedTable.filtered(new TableReference(List.of(each.getKey().split("\\."))), first.name(),
                    String.join(" AND ", predicates), bound));
        }
        return governed;
    }

    /** The filtered tables whose name the statement's text contains. */
    private static List<Map.Entry<String, List<Object[]>>> named(QueryContext context, Filters filters) {
        String lower = context.sql().toLowerCase(Locale.ROOT);
        List<Map.Entry<String, List<Object[]>>> result = new ArrayList<>();
        for (Map.Entry<String, List<Object[]>> each : filters.byTable().entrySet()) {
            String name = each.getKey().substring(each.getKey().lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (lower.contains(name)) {
                result.add(each);
            }
        }
        return result;
    }

    /**
     * Evaluates each shadow-mode row-level security policy on its own and records what it would do:
     * {@code filter} with the predicate templates it would add, {@code deny} when the statement could not be
     * filtered safely, else {@code none}. The rewrite is thrown away; never throws.
     */
    private void shadow(QueryContext context) {
        ShadowRecorder recorder = shadow;
        if (recorder == null || context.describeOnly()) {
            return;
        }
        List<Policy> shadowed;
        try {
            shadowed = policies.shadowPolicies(context.identity().environmentId());
        } catch (RuntimeException ex) {
            LOG.warn("Shadow policies of {} cannot be read: {}", context.identity().environmentId(), ex.getMessage());
            return;
        }
        for (Policy policy : shadowed) {
            if (!Policy.ROW_LEVEL_SECURITY.equals(policy.type())) {
                continue;
            }
            ShadowDecision decision;
            try {
                Filters filters = filters(context, List.of(policy));
                String rewritten = filters.byTable().isEmpty() ? context.sql()
                        : rewriter.rewrite(context.sql(), governed(filters));
                if (rewritten.equals(context.sql())) {
                    decision = ShadowDecision.of(policy, context, ShadowDecision.NONE, List.of(), "");
                } else {
                    List<String> tables = new ArrayList<>();
                    List<String> predicates = new ArrayList<>();
                    for (Map.Entry<String, List<Object[]>> each : named(context, filters)) {
                        tables.add(each.getKey());
                        for (Object[] filter : each.getValue()) {
                            predicates.add(each.getKey() + ": " + filter[2]);
                        }
                    }
                    decision = ShadowDecision.of(policy, context, ShadowDecision.FILTER, tables,
                            String.join("; ", predicates));
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

    private static boolean exempt(Map<?, ?> rule, String role) {
        return rule.get("exempt_roles") instanceof List<?> roles && roles.contains(role);
    }

    private Map<String, String> values(QueryContext context) {
        Identity identity = context.identity();
        Map<String, String> result = new HashMap<>(policies.attributesOf(identity));
        if (context.attributes().get(Principal.ATTRIBUTES) instanceof Map<?, ?> override) {
            override.forEach((name, value) -> result.put(String.valueOf(name), String.valueOf(value)));
        }
        Map<String, String> settings = context.session().settings();
        putIfPresent(result, "agent_id", setting(settings, "agent_id"));
        putIfPresent(result, "framework", setting(settings, "framework"));
        result.put("user_id", identity.userId());
        result.put("user_name", identity.userName());
        result.put("role", identity.role());
        result.put("org_id", identity.organizationId());
        result.put("organization_id", identity.organizationId());
        result.put("env_id", identity.environmentId());
        result.put("environment_id", identity.environmentId());
        result.put("environment", identity.environmentName());
        putIfPresent(result, "key_id", identity.keyId());
        return result;
    }

    private static String setting(Map<String, String> settings, String name) {
        String value = settings.get("hatidata_" + name);
        return value != null ? value : settings.getOrDefault(name, "");
    }

    private static void putIfPresent(Map<String, String> map, String name, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(name, value);
        } else {
            map.remove(name);
        }
    }
}
