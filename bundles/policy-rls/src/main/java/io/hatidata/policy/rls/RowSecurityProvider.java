package io.hatidata.policy.rls;

import io.hatidata.api.governance.PolicyVerdict;
import io.hatidata.api.governance.PolicyVerdicts;
import io.hatidata.api.governance.RowFilterProvider;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.policy.PolicyService;
import io.hatidata.api.policy.Principal;
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

/**
 * Row-level security (SPEC §2.7.2): every reference to a table with a row filter becomes
 * {@code (SELECT * FROM table WHERE filter)}, and UPDATE and DELETE of it get the filter ANDed into their
 * WHERE ({@link TableRewriter}). Placeholders come from the identity ({@code user_id}, {@code user_name},
 * {@code role}, {@code org_id}, {@code env_id}, {@code environment}, {@code key_id}), the session
 * ({@code agent_id}, {@code framework}) and the principal's stored attributes; several filters on one table
 * all apply. Records a {@code filter} verdict per policy.
 */
@Component(service = RowFilterProvider.class, property = "hatidata.policy.type=row_level_security")
public final class RowSecurityProvider implements RowFilterProvider {
    private final PolicyService policies;
    private final TableRewriter rewriter;

    @Activate
    public RowSecurityProvider(@Reference PolicyService policies, @Reference TableRewriter rewriter) {
        this.policies = policies;
        this.rewriter = rewriter;
    }

    @Override
    public String apply(QueryContext context) throws QueryException {
        Identity identity = context.session().identity();
        Map<String, List<Object[]>> byTable = new LinkedHashMap<>();
        Map<String, String> values = null;
        for (Policy policy : policies.enabledPolicies(identity.environmentId())) {
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
                FilterTemplate.Bound bound = FilterTemplate.bind(String.valueOf(rule.get("filter")), values);
                byTable.computeIfAbsent(String.valueOf(rule.get("table")), key -> new ArrayList<>())
                        .add(new Object[] {policy, bound});
            }
        }
        if (byTable.isEmpty()) {
            return context.sql();
        }
        List<GovernedTable> governed = new ArrayList<>();
        for (Map.Entry<String, List<Object[]>> each : byTable.entrySet()) {
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
        String rewritten = rewriter.rewrite(context.sql(), governed);
        if (!rewritten.equals(context.sql())) {
            String lower = context.sql().toLowerCase(Locale.ROOT);
            for (Map.Entry<String, List<Object[]>> each : byTable.entrySet()) {
                String name = each.getKey().substring(each.getKey().lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                if (lower.contains(name)) {
                    for (Object[] filter : each.getValue()) {
                        Policy policy = (Policy) filter[0];
                        PolicyVerdicts.record(context, new PolicyVerdict(policy.policyId(), policy.name(),
                                PolicyVerdict.FILTER, List.of(each.getKey()), ""));
                    }
                }
            }
        }
        return rewritten;
    }

    private static boolean exempt(Map<?, ?> rule, String role) {
        return rule.get("exempt_roles") instanceof List<?> roles && roles.contains(role);
    }

    private Map<String, String> values(QueryContext context) {
        Identity identity = context.session().identity();
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
