package io.hatidata.policy.masking;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.sql.TableReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The masking rules that apply to one principal: rules of enabled {@code column_masking} policies whose
 * {@code exempt_roles} do not hold the principal's role and whose {@code agent_ids} / {@code frameworks}
 * (when given) name the session's {@code agent_id} / {@code framework}. Grouped by table.
 */
final class MaskingRules {
    /** One table's masks: column (lower case) → expression; the policies involved. */
    record TableMasks(TableReference table, Map<String, String> masks, List<Policy> policies, List<String> columns) {}

    private MaskingRules() {}

    static Map<String, TableMasks> applicable(List<Policy> policies, Identity identity, Map<String, String> settings) {
        Map<String, TableMasks> result = new LinkedHashMap<>();
        String agent = setting(settings, "agent_id");
        String framework = setting(settings, "framework");
        for (Policy policy : policies) {
            if (!Policy.COLUMN_MASKING.equals(policy.type())) {
                continue;
            }
            Object rules = policy.definition().get("rules");
            if (!(rules instanceof List<?> list)) {
                continue;
            }
            for (Object each : list) {
                if (!(each instanceof Map<?, ?> rule)) {
                    continue;
                }
                if (strings(rule.get("exempt_roles")).contains(identity.role())) {
                    continue;
                }
                List<String> agents = strings(rule.get("agent_ids"));
                List<String> frameworks = strings(rule.get("frameworks"));
                if (!agents.isEmpty() && !agents.contains(agent)) {
                    continue;
                }
                if (!frameworks.isEmpty() && frameworks.stream().noneMatch(f -> f.equalsIgnoreCase(framework))) {
                    continue;
                }
                String table = String.valueOf(rule.get("table"));
                String column = String.valueOf(rule.get("column"));
                long visible = rule.get("visible_chars") instanceof Number n ? n.longValue() : 4;
                TableMasks masks = result.computeIfAbsent(table.toLowerCase(Locale.ROOT), key -> new TableMasks(
                        new TableReference(List.of(table.split("\\."))), new LinkedHashMap<>(), new ArrayList<>(),
                        new ArrayList<>()));
                // two rules on one column: the first policy's mask wins (creation order)
                masks.masks().putIfAbsent(column.toLowerCase(Locale.ROOT),
                        Masks.expression(String.valueOf(rule.get("function")), column, visible));
                masks.columns().add(column);
                if (!masks.policies().contains(policy)) {
                    masks.policies().add(policy);
                }
            }
        }
        return result;
    }

    static String setting(Map<String, String> settings, String name) {
        String value = settings.get("hatidata_" + name);
        return value != null ? value : settings.getOrDefault(name, "");
    }

    private static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object each : list) {
                result.add(String.valueOf(each));
            }
        }
        return result;
    }
}
