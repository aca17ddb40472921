package io.hatidata.api.pipeline;

import io.hatidata.api.query.QueryException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One step of the pipeline, contributed as an OSGi service.
 *
 * <p>Service properties:
 *
 * <ul>
 *   <li>{@value #ORDER} (integer, required): the position in the chain, lower first; see
 *       {@link StageOrder} for the product's positions. Stages with equal order run in the order their
 *       services were registered.
 *   <li>{@value #NAME} (string, optional): a short name shown in diagnostics; defaults to the class name.
 * </ul>
 *
 * <p>A stage is shared by all sessions and called concurrently; it keeps no per-query state in fields.
 */
@ConsumerType
public interface QueryStage {

    /** Service property: the stage's position in the chain (an integer). */
    String ORDER = "hatidata.stage.order";

    /** Service property: the stage's name for diagnostics. */
    String NAME = "hatidata.stage.name";

    /**
     * Processes one statement. To let the statement continue, call {@code chain.proceed(context)} once,
     * possibly with a changed context ({@link QueryContext#withSql}, {@link QueryContext#withSink});
     * to refuse it, throw a {@link QueryException} with the SQLSTATE the client should see.
     */
    void process(QueryContext context, QueryChain chain) throws QueryException;
}
