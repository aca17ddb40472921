package io.hatidata.controlplane;

import io.hatidata.api.billing.AgentCredits;
import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.governance.QuotaGuard;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Enforces a capability's {@code credits_per_day} (SPEC §2.8.2) at the quota step, where the statement's
 * estimate is known: when the capability check left a daily limit ({@value #CREDITS_PER_DAY}), the agent's
 * billable credits of the current UTC day (billing's {@link AgentCredits}, stored and not yet flushed) plus
 * the estimate must not exceed it, else {@code 53400} like billing's quotas (REST 429 {@code QUOTA_EXCEEDED}).
 * Billing is found with a service tracker opened on first use (a DS reference would be a service cycle:
 * billing's meter reads the control plane). While billing is not running a limited agent is refused with
 * {@code 57P03}: its spending cannot be checked.
 */
@Component(service = QuotaGuard.class)
public final class AgentCreditGuard implements QuotaGuard {
    /** The daily credit limit of the statement's agent (an {@link Integer}), left by the capability check. */
    static final String CREDITS_PER_DAY = "io.hatidata.controlplane.agentCreditsPerDay";

    private final Supplier<AgentCredits> credits;
    private final ServiceTracker<AgentCredits, AgentCredits> tracker;

    @Activate
    public AgentCreditGuard(BundleContext context) {
        this.tracker = new ServiceTracker<>(context, AgentCredits.class, null);
        this.credits = new Supplier<>() {
            private volatile boolean opened;

            @Override
            public AgentCredits get() {
                if (!opened) {
                    synchronized (this) {
                        if (!opened) {
                            tracker.open();
                            opened = true;
                        }
                    }
                }
                return tracker.getService();
            }
        };
    }

    /** With a fixed source of credits (tests). */
    AgentCreditGuard(Supplier<AgentCredits> credits) {
        this.tracker = null;
        this.credits = credits;
    }

    @Deactivate
    void deactivate() {
        if (tracker != null) {
            tracker.close();
        }
    }

    @Override
    public void check(QueryContext context, CostEstimate estimate) throws QueryException {
        if (!(context.attributes().get(CREDITS_PER_DAY) instanceof Integer limit)) {
            return;
        }
        String agent = AgentRegistrationStage.setting(context.session(), "agent_id");
        if (agent == null || agent.isBlank()) {
            return;
        }
        AgentCredits source = credits.get();
        if (source == null) {
            throw new QueryException("57P03", "the credits of agent " + agent.trim()
                    + " cannot be checked: billing is not running");
        }
        double used = source.usedToday(context.identity().organizationId(), agent.trim());
        if (used + estimate.credits() > limit) {
            throw new QueryException("53400", "capability credits_per_day exceeded for agent " + agent.trim() + ": "
                    + used + " of " + limit + " credits used today (UTC), this statement is estimated at "
                    + estimate.credits());
        }
    }
}
