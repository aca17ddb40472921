package io.hatidata.controlplane;

import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.governance.PolicyDecision;
import io.hatidata.api.governance.PolicyEvaluator;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.provisioning.AgentCapability;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.TableReference;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Enforces agent capabilities (SPEC §2.8.2) in the policy step. A statement from a registered agent that
 * holds no live capability runs as before (the registry is opt-in per agent: granting the first capability
 * narrows the agent to its grants). Otherwise one live capability must allow it: {@code query:write} for a
 * statement that may write ({@code query:write} also reads), every table it touches within the grant's
 * tables or schemas (when it names any; a statement whose tables could not be read is refused then), and
 * the current UTC time inside the grant's window. The most permissive {@code max_rows} of the allowing grants
 * (none: unlimited) limits the rows ({@link AgentRegistrationStage}); the most permissive {@code credits_per_day}
 * (none: unlimited) is left for {@link AgentCreditGuard}, which checks it against the agent's credits of the
 * day at the quota step, once the statement's estimate is known.
 */
@Component(service = PolicyEvaluator.class)
public final class AgentCapabilityEvaluator implements PolicyEvaluator {
    static final String POLICY = "agent-capabilities";

    private final DefaultAgentService agents;
    private final Clock clock;

    @Activate
    public AgentCapabilityEvaluator(@Reference DefaultAgentService agents) {
        this(agents, Clock.systemUTC());
    }

    AgentCapabilityEvaluator(DefaultAgentService agents, Clock clock) {
        this.agents = agents;
        this.clock = clock;
    }

    @Override
    public PolicyDecision evaluate(QueryContext context) throws QueryException {
        if (!(context.attributes().get(AgentRegistrationStage.FINGERPRINT) instanceof String fingerprint)) {
            return PolicyDecision.allow();
        }
        List<AgentCapability> live;
        try {
            live = agents.liveCapabilities(fingerprint);
        } catch (ControlPlaneException ex) {
            throw new QueryException("57P03", "the agent registry cannot be reached");
        }
        if (live.isEmpty()) {
            return PolicyDecision.allow();
        }
        boolean writes = StatementClassifier.writes(context.sql());
        StatementAnalysis analysis = context.attributes().get(StatementAnalysis.ATTRIBUTE) instanceof StatementAnalysis each
                ? each : null;
        LocalTime now = LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Integer maxRows = null;
        Integer creditsPerDay = null;
        boolean creditsUnlimited = false;
        boolean allowed = false;
        String why = "no capability of agent " + fingerprint + " allows " + (writes ? "writing" : "reading");
        for (AgentCapability each : live) {
            if (writes && !"query:write".equals(each.capability())) {
                continue;
            }
            if (!inWindow(each, now)) {
                why = "outside the time window " + each.windowStart() + "-" + each.windowEnd() + " UTC of " + each.id();
                continue;
            }
            String table = uncovered(each, analysis);
            if (table != null) {
                why = table.isEmpty() ? "the statement's tables could not be determined for " + each.id()
                        : "the table " + table + " is outside the capability " + each.id();
                continue;
            }
            allowed = true;
            if (each.maxRows() != null && (maxRows == null || each.maxRows() > maxRows)) {
                maxRows = each.maxRows();
            }
            if (each.maxRows() == null) {
                maxRows = Integer.MAX_VALUE;
            }
            if (each.creditsPerDay() == null) {
                creditsUnlimited = true;
            } else if (creditsPerDay == null || each.creditsPerDay() > creditsPerDay) {
                creditsPerDay = each.creditsPerDay();
            }
        }
        if (!allowed) {
            return PolicyDecision.deny(POLICY, why);
        }
        if (maxRows != null && maxRows != Integer.MAX_VALUE) {
            context.attributes().put(AgentRegistrationStage.MAX_ROWS, maxRows);
        }
        if (!creditsUnlimited && creditsPerDay != null) {
            context.attributes().put(AgentCreditGuard.CREDITS_PER_DAY, creditsPerDay);
        }
        return PolicyDecision.allow();
    }

    private static boolean inWindow(AgentCapability capability, LocalTime now) {
        if (capability.windowStart() == null) {
            return true;
        }
        LocalTime start = LocalTime.parse(capability.windowStart());
        LocalTime end = LocalTime.parse(capability.windowEnd());
        return start.isBefore(end) ? !now.isBefore(start) && now.isBefore(end) : !now.isBefore(start) || now.isBefore(end);
    }

    /** A table the statement touches that the grant does not cover; "" when unknown; null when all are covered. */
    private static String uncovered(AgentCapability capability, StatementAnalysis analysis) {
        if (capability.tables().isEmpty() && capability.schemas().isEmpty()) {
            return null;
        }
        if (analysis == null || !analysis.analyzed()) {
            return "";
        }
        List<TableReference> touched = new ArrayList<>(analysis.tablesRead());
        touched.addAll(analysis.tablesWritten());
        for (TableReference table : touched) {
            String name = table.name().toLowerCase(Locale.ROOT);
            String schema = table.schema() == null ? "main" : table.schema().toLowerCase(Locale.ROOT);
            boolean covered = capability.tables().contains(name) || capability.tables().contains(schema + "." + name)
                    || capability.schemas().contains(schema);
            if (!covered) {
                return table.toString();
            }
        }
        return null;
    }
}
