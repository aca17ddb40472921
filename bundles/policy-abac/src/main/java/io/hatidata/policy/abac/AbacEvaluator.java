package io.hatidata.policy.abac;

import io.hatidata.api.governance.PolicyDecision;
import io.hatidata.api.governance.PolicyEvaluator;
import io.hatidata.api.governance.PolicyVerdict;
import io.hatidata.api.governance.PolicyVerdicts;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.policy.PolicyService;
import io.hatidata.api.policy.ShadowDecision;
import io.hatidata.api.policy.ShadowRecorder;
import io.hatidata.api.sql.LeadingWords;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ABAC (SPEC §2.7.3): the environment's enabled {@code abac} policies whose action, resources and
 * conditions match the statement. Deny overrides: any matching {@code deny} refuses (42501 on the wire, 422
 * {@code POLICY_VIOLATION} over REST); a matching {@code allow} is recorded and never overrides a deny.
 * Actions: SELECT and other reads → {@code query}; INSERT, UPDATE, MERGE, CREATE, ALTER → {@code write};
 * DELETE, TRUNCATE, DROP → {@code delete}. Resources: {@code *}, {@code table:*} or
 * {@code table:<pattern>} with {@code *} wildcards. A statement the parser could not read is matched as if
 * every word of it named a table (what it reads is unknown), so a deny never misses it. The principal's
 * role is the statement's effective one ({@link QueryContext#identity()}). Shadow-mode ABAC policies are matched too and their would-be denials
 * recorded ({@link ShadowRecorder}); they never refuse.
 */
@Component(service = PolicyEvaluator.class)
public final class AbacEvaluator implements PolicyEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(AbacEvaluator.class);
    /** What stands between the parts of a dotted name: a dot, quotes around the parts allowed. */
    private static final java.util.regex.Pattern DOT = java.util.regex.Pattern.compile("\"?\\.\"?");
    /** Words taken from a statement the parser could not read; beyond, the rest is not looked at. */
    private static final int MAX_WORDS = 10_000;

    /** Words that may make a statement write (the key-scope classifier's list, in lower case). */
    private static final Set<String> WRITING = Set.of("insert", "update", "delete", "merge", "upsert", "create", "drop",
            "alter", "truncate", "copy", "attach", "detach", "install", "load", "import", "export", "call", "pragma",
            "vacuum", "checkpoint", "comment", "rename", "execute", "prepare", "refresh", "use");

    private final PolicyService policies;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ShadowRecorder shadow;

    @Activate
    public AbacEvaluator(@Reference PolicyService policies) {
        this(policies, Clock.systemUTC());
    }

    AbacEvaluator(PolicyService policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    /** With a shadow recorder (tests). */
    AbacEvaluator(PolicyService policies, Clock clock, ShadowRecorder shadow) {
        this(policies, clock);
        this.shadow = shadow;
    }

    @Override
    public PolicyDecision evaluate(QueryContext context) {
        Identity identity = context.identity();
        shadow(context);
        List<Policy> abac = abac(policies.enabledPolicies(identity.environmentId()));
        if (abac.isEmpty()) {
            return PolicyDecision.allow();
        }
        Facts facts = facts(context);
        PolicyDecision decision = PolicyDecision.allow();
        for (Policy policy : abac) {
            if (!matches(policy, facts)) {
                continue;
            }
            boolean deny = deny(policy);
            String reason = reason(policy);
            PolicyVerdicts.record(context, new PolicyVerdict(policy.policyId(), policy.name(),
                    deny ? PolicyVerdict.DENY : PolicyVerdict.ALLOW, List.copyOf(facts.tables()), deny ? reason : ""));
            if (deny && decision.allowed()) {
                decision = PolicyDecision.deny(policy.name(), reason);
            }
        }
        return decision;
    }

    /**
     * What the statement is, for matching: its action, the tables it touches (recorded in verdicts), the
     * names a resource is matched against (those tables, and every word of a statement the parser could
     * not read), attributes and the time.
     */
    private record Facts(String action, boolean anyAction, Set<String> tables, Set<String> candidates,
            Map<String, List<String>> attributes, ZonedDateTime now) {}

    private Facts facts(QueryContext context) {
        StatementAnalysis analysis = context.attributes().get(StatementAnalysis.ATTRIBUTE) instanceof StatementAnalysis a
                ? a : null;
        Set<String> tables = new LinkedHashSet<>();
        if (analysis != null) {
            analysis.tablesRead().forEach(t -> tables.add(t.normalizedName()));
            analysis.tablesWritten().forEach(t -> tables.add(t.normalizedName()));
        }
        Set<String> candidates = tables;
        boolean unread = analysis == null || !analysis.analyzed();
        if (unread) {
            // what it reads is unknown: every word of it may name a table (doubt goes to the table, as
            // masking does), so a deny of a table it may touch applies
            candidates = new LinkedHashSet<>(tables);
            candidates.addAll(words(context.sql()));
        }
        // what an unread statement does is not certain either (EXPLAIN ANALYZE runs its statement): when a
        // writing word occurs in it, a deny of any action applies to it
        boolean anyAction = unread && mayWrite(candidates);
        return new Facts(action(analysis, context.sql()), anyAction, tables, candidates, attributes(context, candidates),
                ZonedDateTime.now(clock));
    }

    /**
     * The words of a statement, lower-cased: runs of letters, digits, {@code _} and {@code $}, inside
     * quotes, literals and comments too (more words only make a deny apply more often).
     */
    static Set<String> words(String sql) {
        Set<String> result = new LinkedHashSet<>();
        StringBuilder dotted = new StringBuilder();
        int previousEnd = 0;
        int i = 0;
        while (i < sql.length() && result.size() < MAX_WORDS) {
            if (!isWordPart(sql.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < sql.length() && isWordPart(sql.charAt(i))) {
                i++;
            }
            if (!Character.isDigit(sql.charAt(start))) {
                String word = sql.substring(start, i).toLowerCase(Locale.ROOT);
                result.add(word);
                // schema.table and catalog.schema.table (quoted or not), for table:sales.* patterns
                if (dotted.length() > 0 && DOT.matcher(sql.substring(previousEnd, start)).matches()) {
                    dotted.append('.').append(word);
                    result.add(dotted.toString());
                } else {
                    dotted.setLength(0);
                    dotted.append(word);
                }
            } else {
                dotted.setLength(0);
            }
            previousEnd = i;
        }
        return result;
    }

    private static boolean mayWrite(Set<String> words) {
        for (String each : words) {
            if (WRITING.contains(each)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean matches(Policy policy, Facts facts) {
        Map<String, Object> document = policy.definition();
        List<String> actions = Conditions.strings(document.get("actions"));
        return (actions.contains(facts.action()) || (facts.anyAction() && !actions.isEmpty()))
                && resourcesMatch(Conditions.strings(document.get("resources")), facts.candidates())
                && document.get("conditions") instanceof Map<?, ?> conditions
                && Conditions.hold(conditions, facts.attributes(), facts.now());
    }

    private static boolean deny(Policy policy) {
        return "deny".equals(policy.definition().get("effect"));
    }

    private static String reason(Policy policy) {
        String reason = String.valueOf(policy.definition().getOrDefault("description", ""));
        return reason.isEmpty() && deny(policy) ? "denied by ABAC policy" : reason;
    }

    private static List<Policy> abac(List<Policy> candidates) {
        List<Policy> result = new ArrayList<>();
        for (Policy each : candidates) {
            if (Policy.ABAC.equals(each.type())) {
                result.add(each);
            }
        }
        return result;
    }

    /**
     * Evaluates the shadow-mode ABAC policies and records each one's would-be decision ({@code deny} when a
     * deny policy matches, else {@code none}); never changes the verdict and never throws.
     */
    private void shadow(QueryContext context) {
        ShadowRecorder recorder = shadow;
        if (recorder == null || context.describeOnly()) {
            return;
        }
        try {
            List<Policy> abac = abac(policies.shadowPolicies(context.identity().environmentId()));
            if (abac.isEmpty()) {
                return;
            }
            Facts facts = facts(context);
            for (Policy policy : abac) {
                boolean wouldDeny = deny(policy) && matches(policy, facts);
                recorder.record(ShadowDecision.of(policy, context, wouldDeny ? ShadowDecision.DENY : ShadowDecision.NONE,
                        wouldDeny ? List.copyOf(facts.tables()) : List.of(), wouldDeny ? reason(policy) : ""));
            }
        } catch (RuntimeException ex) {
            LOG.warn("Shadow evaluation of ABAC policies failed", ex);
        }
    }

    static String action(StatementAnalysis analysis, String sql) {
        StatementKind kind = analysis == null ? StatementKind.UTILITY : analysis.kind();
        String head = LeadingWords.first(sql);
        return switch (kind) {
            case DELETE -> "delete";
            case INSERT, UPDATE, MERGE -> "write";
            case DDL -> head.equals("DROP") ? "delete" : "write";
            default -> head.equals("TRUNCATE") ? "delete" : "query";
        };
    }

    static boolean resourcesMatch(List<String> resources, Set<String> tables) {
        for (String each : resources) {
            if (each.equals("*")) {
                return true;
            }
            if (each.startsWith("table:")) {
                String pattern = each.substring("table:".length()).toLowerCase(Locale.ROOT);
                for (String table : tables) {
                    String name = table.substring(table.lastIndexOf('.') + 1);
                    if (glob(pattern, table) || glob(pattern, name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    private static Map<String, List<String>> attributes(QueryContext context, Set<String> tables) {
        Identity identity = context.identity();
        Map<String, String> settings = context.session().settings();
        Map<String, List<String>> result = new HashMap<>();
        String agent = settings.getOrDefault("hatidata_agent_id", settings.getOrDefault("agent_id", ""));
        String framework = settings.getOrDefault("hatidata_framework", settings.getOrDefault("framework", ""));
        put(result, List.of("agent.id", "agent_id"), agent);
        put(result, List.of("agent.framework", "framework"), framework);
        put(result, List.of("principal.role", "role"), identity.role());
        put(result, List.of("principal.user_id", "user_id"), identity.userId());
        put(result, List.of("principal.key_id", "key_id"), identity.keyId());
        put(result, List.of("environment.name", "environment"), identity.environmentName());
        put(result, List.of("environment.id"), identity.environmentId());
        put(result, List.of("request.ip", "client.ip"), settings.getOrDefault("client_address", ""));
        List<String> names = new ArrayList<>();
        for (String each : tables) {
            names.add(each.substring(each.lastIndexOf('.') + 1));
        }
        if (!names.isEmpty()) {
            result.put("resource.table", names);
        }
        result.put("time_of_week", List.of("now"));
        return result;
    }

    private static void put(Map<String, List<String>> result, List<String> names, String value) {
        if (value != null && !value.isEmpty()) {
            for (String each : names) {
                result.put(each, List.of(value));
            }
        }
    }

}
