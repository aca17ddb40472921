package io.hatidata.billing;

import io.hatidata.api.billing.Quota;
import io.hatidata.api.billing.Quotas;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.Session;
import io.hatidata.api.pipeline.StageOrder;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The quotas that need the statement's whole run (order {@value #ORDER}, right after the quota check):
 * the organization's {@code max_concurrent_queries} (one more is refused at once with {@code 53400}; the
 * slot is held until the result has been sent) and {@code max_rows_per_query} while the result streams
 * (the row past the limit ends the statement with {@code 53400}). Statements of {@code hd_test_} keys and
 * describe-only requests are not limited.
 */
@Component(service = QueryStage.class, property = {
        QueryStage.ORDER + ":Integer=" + OrganizationLimitsStage.ORDER,
        QueryStage.NAME + "=organization-limits"})
public final class OrganizationLimitsStage implements QueryStage {
    static final int ORDER = StageOrder.QUOTA + 10;
    private static final int MAX_TRACKED = 10_000;

    private final QuotaBook quotas;
    private final BillingStore store;
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    /** The session whose statement each thread runs, so a nested statement of it does not count twice. */
    private final Map<Thread, Session> holders = new ConcurrentHashMap<>();

    @Activate
    public OrganizationLimitsStage(@Reference QuotaBook quotas, @Reference BillingStore store) {
        this.quotas = quotas;
        this.store = store;
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        Identity identity = context.session().identity();
        if (context.describeOnly() || exempt(identity)) {
            chain.proceed(context);
            return;
        }
        Quotas current;
        try {
            current = quotas.of(identity.organizationId());
        } catch (Exception ex) {
            throw CreditQuotaGuard.unavailable(ex);
        }
        long maxRows = current.limit(Quota.MAX_ROWS_PER_QUERY);
        QueryContext limited = maxRows == Quotas.UNLIMITED ? context
                : context.withSink(new RowLimitSink(context.sink(), maxRows));
        Thread thread = Thread.currentThread();
        if (holders.get(thread) == context.session()) {
            chain.proceed(limited); // nested in a statement of the same session: already counted
            return;
        }
        long concurrent = current.limit(Quota.MAX_CONCURRENT_QUERIES);
        AtomicInteger count = counter(identity.organizationId());
        if (count.incrementAndGet() > concurrent && concurrent != Quotas.UNLIMITED) {
            count.decrementAndGet();
            throw new QueryException(SqlState.LIMIT_EXCEEDED, "quota max_concurrent_queries exceeded: the"
                    + " organization already runs " + concurrent + " statements; retry when one has finished");
        }
        holders.put(thread, context.session());
        try {
            chain.proceed(limited);
        } finally {
            holders.remove(thread);
            count.decrementAndGet();
        }
    }

    /** Statements of the organization running now (tests, diagnostics). */
    int running(String organizationId) {
        AtomicInteger count = running.get(organizationId);
        return count == null ? 0 : count.get();
    }

    private boolean exempt(Identity identity) throws QueryException {
        try {
            return store.key(identity.keyId()).test();
        } catch (Exception ex) {
            throw CreditQuotaGuard.unavailable(ex);
        }
    }

    private AtomicInteger counter(String organization) {
        AtomicInteger existing = running.get(organization);
        if (existing != null) {
            return existing;
        }
        if (running.size() >= MAX_TRACKED) {
            running.values().removeIf(each -> each.get() == 0);
        }
        return running.computeIfAbsent(organization, key -> new AtomicInteger());
    }
}
