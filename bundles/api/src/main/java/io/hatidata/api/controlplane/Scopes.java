package io.hatidata.api.controlplane;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * API-key scopes (SPEC §2.1.3): the 22 canonical scopes, the bundles {@code read_only}, {@code developer},
 * {@code admin} and {@code agent}, and the aliases ({@code schema:read}, {@code agent:*}, PascalCase enum
 * names such as {@code QueryRead}). Keys store canonical scopes only.
 */
public final class Scopes {
    public static final String QUERY_READ = "query:read";
    public static final String QUERY_WRITE = "query:write";

    /** The canonical scopes in the order of the reference. */
    public static final List<String> ALL = List.of(
            QUERY_READ, QUERY_WRITE, "tables:list", "tables:describe", "tables:create", "tables:alter",
            "schemas:read", "functions:execute", "memory:read", "memory:write", "cot:write", "triggers:read",
            "triggers:manage", "branches:create", "branches:merge", "audit:read", "users:manage", "keys:manage",
            "policies:manage", "orgs:manage", "billing:manage", "webhooks:manage");

    private static final List<String> READ_ONLY =
            List.of(QUERY_READ, "tables:list", "tables:describe", "schemas:read", "audit:read");
    private static final List<String> DEVELOPER = concat(READ_ONLY, List.of(QUERY_WRITE, "tables:create",
            "tables:alter", "functions:execute", "branches:create", "branches:merge"));
    private static final List<String> ADMIN = concat(DEVELOPER, List.of("users:manage", "keys:manage",
            "policies:manage", "orgs:manage", "billing:manage", "webhooks:manage"));
    private static final List<String> AGENT = List.of(QUERY_READ, QUERY_WRITE, "tables:list", "tables:describe",
            "memory:read", "memory:write", "cot:write", "triggers:read", "branches:create");

    /** Bundle names and what they expand to. */
    public static final Map<String, List<String>> BUNDLES =
            Map.of("read_only", READ_ONLY, "developer", DEVELOPER, "admin", ADMIN, "agent", AGENT);

    private static final Map<String, String> ALIASES = Map.of("schema:read", "schemas:read", "agent:*", "agent");

    private Scopes() {}

    /**
     * The canonical, sorted set of scopes the given names (scopes, bundles, aliases) stand for.
     *
     * @throws IllegalArgumentException naming the first unknown scope
     */
    public static Set<String> normalize(Collection<String> names) {
        Set<String> result = new TreeSet<>();
        for (String each : names) {
            String name = canonicalName(each);
            if (BUNDLES.containsKey(name)) {
                result.addAll(BUNDLES.get(name));
            } else if (ALL.contains(name)) {
                result.add(name);
            } else {
                throw new IllegalArgumentException("unknown scope: " + each);
            }
        }
        return result;
    }

    /** The scopes that follow from a role (for access tokens, which carry no explicit scopes). */
    public static Set<String> forRole(Role role) {
        return switch (role) {
            case OWNER, ADMIN -> new TreeSet<>(ALL);
            case DEVELOPER -> new TreeSet<>(DEVELOPER);
            case ANALYST -> new TreeSet<>(List.of(QUERY_READ, "tables:list", "tables:describe", "schemas:read"));
            case AUDITOR -> new TreeSet<>(List.of("audit:read"));
            case SERVICE_ACCOUNT -> new TreeSet<>(List.of(QUERY_READ, QUERY_WRITE, "tables:list", "tables:describe",
                    "schemas:read"));
        };
    }

    private static String canonicalName(String name) {
        if (name == null) {
            return "";
        }
        String trimmed = name.trim();
        if (ALIASES.containsKey(trimmed)) {
            return ALIASES.get(trimmed);
        }
        if (!trimmed.isEmpty() && Character.isUpperCase(trimmed.charAt(0)) && trimmed.chars().allMatch(Character::isLetter)) {
            // QueryRead -> query:read, TablesList -> tables:list
            for (int i = 1; i < trimmed.length(); i++) {
                if (Character.isUpperCase(trimmed.charAt(i))) {
                    return (trimmed.substring(0, i) + ":" + trimmed.substring(i)).toLowerCase(Locale.ROOT);
                }
            }
        }
        return trimmed;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> result = new ArrayList<>(first);
        result.addAll(second);
        return List.copyOf(result);
    }
}
