package io.hatidata.engine.duckdb;

import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.StageOrder;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.TransactionStatus;
import org.osgi.service.component.annotations.Component;

/**
 * Pipeline step 8, snapshot pin (order {@value StageOrder#SNAPSHOT_PIN}, just before execute). DuckDB
 * already gives every statement one consistent snapshot (MVCC, snapshot isolation): outside a transaction
 * block a statement runs in its own transaction whose snapshot is taken when it starts, and inside
 * {@code BEGIN … COMMIT} every statement reads the snapshot of the block. So this stage does not open a
 * transaction of its own (which would change the client's transaction state and the command tags); it
 * records which snapshot the statement reads under {@value #ATTRIBUTE} in the context's attributes, for
 * audit: {@value #STATEMENT} or {@value #TRANSACTION}.
 *
 * <p>A healing retry (order 850, outside this stage) of a statement outside a transaction block reads a
 * new snapshot; that is safe because the healing stage only retries statements that failed before they
 * sent anything.
 */
@Component(
        configurationPid = EnginePids.SNAPSHOT_PIN_STAGE,
        service = QueryStage.class,
        property = {QueryStage.ORDER + ":Integer=" + StageOrder.SNAPSHOT_PIN, QueryStage.NAME + "=snapshot-pin"})
public final class SnapshotPinStage implements QueryStage {
    /** The attribute naming the snapshot the statement reads. */
    public static final String ATTRIBUTE = "io.hatidata.engine.snapshot";
    /** The statement's own snapshot, taken when it starts (autocommit). */
    public static final String STATEMENT = "statement";
    /** The snapshot of the enclosing transaction block. */
    public static final String TRANSACTION = "transaction";

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        boolean inBlock = context.session().transactionStatus() == TransactionStatus.IN_TRANSACTION;
        context.attributes().put(ATTRIBUTE, inBlock ? TRANSACTION : STATEMENT);
        chain.proceed(context);
    }
}
