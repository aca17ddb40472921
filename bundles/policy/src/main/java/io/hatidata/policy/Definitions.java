package io.hatidata.policy;

import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks and normalises a policy's type-specific definition (docs/policies.md): unknown fields, wrong
 * types and values outside their sets are refused with the field's path.
 */
final class Definitions {
    static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){0,2}");
    static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Set<String> MASKS = Set.of("full", "partial", "hash", "null");
    static final Set<String> EFFECTS = Set.of("allow", "deny");
    static final Set<String> ACTIONS = Set.of("query", "write", "delete", "branch_merge");
    static final int MAX_FILTER = 2000;
    static final Pattern ATTRIBUTE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");
    static final Set<String> OPERATORS = Set.of("in", "not_in", "equals", "not_equals", "cidr", "not_cidr",
            "outside_hours", "outside_days", "within_hours", "within_days");

    private final int maxRules;

    Definitions(int maxRules) {
        this.maxRules = maxRules;
    }

    Map<String, Object> check(String type, Map<String, Object> definition) {
        if (definition == null) {
            throw ControlPlaneException.invalid("rules", "required", "a policy needs its definition");
        }
        return switch (type) {
            case Policy.COLUMN_MASKING -> rules(definition, true);
            case Policy.ROW_LEVEL_SECURITY -> rules(definition, false);
            case Policy.ABAC -> abac(definition);
            default -> throw ControlPlaneException.invalid("type", "enum",
                    "type must be column_masking, row_level_security or abac");
        };
    }

    private Map<String, Object> rules(Map<String, Object> definition, boolean masking) {
        only(definition, "", Set.of("rules"));
        Object value = definition.get("rules");
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > maxRules) {
            throw ControlPlaneException.invalid("rules", "size", "rules must be a list of 1 to " + maxRules + " rules");
        }
        List<Object> rules = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "rules[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> raw)) {
                throw ControlPlaneException.invalid(path, "type", path + " must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> rule = (Map<String, Object>) raw;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("table", matching(rule, path, "table", TABLE));
            if (masking) {
                only(rule, path, Set.of("table", "column", "function", "visible_chars", "exempt_roles", "agent_ids",
                        "frameworks"));
                out.put("column", matching(rule, path, "column", COLUMN));
                String function = string(rule, path, "function");
                if (!MASKS.contains(function)) {
                    throw ControlPlaneException.invalid(path + ".function", "enum",
                            path + ".function must be full, partial, hash or null");
                }
                out.put("function", function);
                if (function.equals("partial")) {
                    Object visible = rule.getOrDefault("visible_chars", 4L);
                    if (!(visible instanceof Long n) || n < 1 || n > 64) {
                        throw ControlPlaneException.invalid(path + ".visible_chars", "range",
                                path + ".visible_chars must be an integer from 1 to 64");
                    }
                    out.put("visible_chars", visible);
                }
                out.put("agent_ids", strings(rule, path, "agent_ids"));
                out.put("frameworks", strings(rule, path, "frameworks"));
            } else {
                only(rule, path, Set.of("table", "filter", "exempt_roles"));
                String filter = string(rule, path, "filter");
                if (filter.isBlank() || filter.length() > MAX_FILTER) {
                    throw ControlPlaneException.invalid(path + ".filter", "size",
                            path + ".filter must be a predicate of at most " + MAX_FILTER + " characters");
                }
                out.put("filter", filter);
            }
            List<String> exempt = strings(rule, path, "exempt_roles");
            for (String role : exempt) {
                if (Role.fromJson(role).isEmpty()) {
                    throw ControlPlaneException.invalid(path + ".exempt_roles", "enum", "unknown role " + role);
                }
            }
            out.put("exempt_roles", exempt);
            rules.add(out);
        }
        return Map.of("rules", rules);
    }

    private Map<String, Object> abac(Map<String, Object> definition) {
        only(definition, "", Set.of("description", "effect", "conditions", "actions", "resources"));
        Map<String, Object> out = new LinkedHashMap<>();
        Object description = definition.getOrDefault("description", "");
        if (!(description instanceof String text) || text.length() > 1000) {
            throw ControlPlaneException.invalid("description", "type", "description must be text");
        }
        out.put("description", description);
        String effect = string(definition, "", "effect");
        if (!EFFECTS.contains(effect)) {
            throw ControlPlaneException.invalid("effect", "enum", "effect must be allow or deny");
        }
        out.put("effect", effect);
        Object conditions = definition.getOrDefault("conditions", Map.of());
        if (!(conditions instanceof Map<?, ?> map)) {
            throw ControlPlaneException.invalid("conditions", "type", "conditions must be an object");
        }
        for (Map.Entry<?, ?> each : map.entrySet()) {
            String field = "conditions." + each.getKey();
            if (!ATTRIBUTE.matcher(String.valueOf(each.getKey())).matches()) {
                throw ControlPlaneException.invalid(field, "format", field + " is not an attribute name");
            }
            if (!(each.getValue() instanceof Map<?, ?> operators) || operators.isEmpty()) {
                throw ControlPlaneException.invalid(field, "type", field + " must be an object of operators");
            }
            for (Object operator : operators.keySet()) {
                if (!OPERATORS.contains(String.valueOf(operator))) {
                    throw ControlPlaneException.invalid(field + "." + operator, "enum",
                            "unknown operator " + operator + "; known: " + new java.util.TreeSet<>(OPERATORS));
                }
            }
        }
        out.put("conditions", conditions);
        List<String> actions = strings(definition, "", "actions");
        if (actions.isEmpty() || !ACTIONS.containsAll(actions)) {
            throw ControlPlaneException.invalid("actions", "enum",
                    "actions must list some of query, write, delete, branch_merge");
        }
        out.put("actions", actions);
        List<String> resources = strings(definition, "", "resources");
        out.put("resources", resources.isEmpty() ? List.of("*") : resources);
        return out;
    }

    private static void only(Map<String, Object> object, String path, Set<String> allowed) {
        for (String key : object.keySet()) {
            if (!allowed.contains(key)) {
                String field = path.isEmpty() ? key : path + "." + key;
                throw ControlPlaneException.invalid(field, "unknown", "unknown field " + field);
            }
        }
    }

    private static String string(Map<String, Object> object, String path, String key) {
        Object value = object.get(key);
        String field = path.isEmpty() ? key : path + "." + key;
        if (!(value instanceof String text)) {
            throw ControlPlaneException.invalid(field, "required", field + " must be text");
        }
        return text;
    }

    private static String matching(Map<String, Object> object, String path, String key, Pattern pattern) {
        String value = string(object, path, key);
        if (!pattern.matcher(value).matches()) {
            throw ControlPlaneException.invalid(path + "." + key, "format", path + "." + key + " is not a plain name");
        }
        return value;
    }

    static List<String> strings(Map<String, Object> object, String path, String key) {
        Object value = object.get(key);
        String field = path.isEmpty() ? key : path + "." + key;
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.size() > 100) {
            throw ControlPlaneException.invalid(field, "type", field + " must be a list of at most 100 texts");
        }
        List<String> result = new ArrayList<>();
        for (Object each : list) {
            if (!(each instanceof String text) || text.isEmpty() || text.length() > 200) {
                throw ControlPlaneException.invalid(field, "type", field + " must be a list of texts");
            }
            result.add(text);
        }
        return List.copyOf(result);
    }
}
