package io.hatidata.billing;

import io.hatidata.api.billing.Quota;
import io.hatidata.api.billing.Quotas;
import io.hatidata.api.governance.CostEstimate;
import io.hatidata.api.governance.QuotaGuard;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Pipeline step 5: refuses, before execution and with {@code 53400} naming the quota, a metered statement
 * whose estimate would take the organization's billable credits of the billing period past
 * {@code monthly_credit_limit} (used + estimate &gt; limit), or whose projected result rows exceed
 * {@code max_rows_per_query}. Statements of {@code hd_test_} keys and free statements (session control,
 * catalog reads) are never refused. Each refusal publishes {@code billing.quota_exceeded} (once per
 * period and limit). Concurrent statements are checked against the same used credits, so a burst may
 * overrun the limit by the statements already running.
 */
@Component(service = QuotaGuard.class)
public final class CreditQuotaGuard implements QuotaGuard {
    private final QuotaBook quotas;
    private final CreditMeter meter;
    private final BillingStore store;

    @Activate
    public CreditQuotaGuard(@Reference QuotaBook quotas, @Reference CreditMeter meter, @Reference BillingStore store) {
        this.quotas = quotas;
        this.meter = meter;
        this.store = store;
    }

    @Override
    public void check(QueryContext context, CostEstimate estimate) throws QueryException {
        StatementShape shape = StatementShape.of(context, estimate.fullScan());
        Identity identity = context.session().identity();
        if (!shape.metered() || exempt(identity)) {
            return;
        }
        Quotas current = read(identity.organizationId());
        long limit = current.limit(Quota.MONTHLY_CREDIT_LIMIT);
        double used = CreditFormula.credits(meter.periodMilli(identity.organizationId()));
        if (current.exceeds(Quota.MONTHLY_CREDIT_LIMIT, used + estimate.credits())) {
            meter.refused(identity.organizationId(), Quota.MONTHLY_CREDIT_LIMIT, limit, Map.of(
                    "credits_used", Double.toString(used), "estimated_credits", Double.toString(estimate.credits()),
                    "environment_id", identity.environmentId(), "key_id", identity.keyId()));
            throw new QueryException(SqlState.LIMIT_EXCEEDED, "quota monthly_credit_limit exceeded: " + used
                    + " of " + limit + " credits used this billing period, this statement is estimated at "
                    + estimate.credits());
        }
        long maxRows = current.limit(Quota.MAX_ROWS_PER_QUERY);
        if (estimate.rows() >= 0 && current.exceeds(Quota.MAX_ROWS_PER_QUERY, estimate.rows())) {
            meter.refused(identity.organizationId(), Quota.MAX_ROWS_PER_QUERY, maxRows, Map.of(
                    "estimated_rows", Long.toString(estimate.rows()), "environment_id", identity.environmentId(),
                    "key_id", identity.keyId()));
            throw new QueryException(SqlState.LIMIT_EXCEEDED, "quota max_rows_per_query exceeded: the statement"
                    + " would return about " + estimate.rows() + " rows, the limit is " + maxRows);
        }
    }

    /** Whether the identity uses an {@code hd_test_} key. */
    private boolean exempt(Identity identity) throws QueryException {
        try {
            return store.key(identity.keyId()).test();
        } catch (Exception ex) {
            throw unavailable(ex);
        }
    }

    private Quotas read(String organizationId) throws QueryException {
        try {
            return quotas.of(organizationId);
        } catch (Exception ex) {
            throw unavailable(ex);
        }
    }

    static QueryException unavailable(Exception cause) {
        return new QueryException(SqlState.SYSTEM_ERROR, "the quotas cannot be read right now", cause);
    }
}
