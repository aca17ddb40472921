package io.hatidata.api.pipeline;

import io.hatidata.api.query.QueryException;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Runs statements through the current chain of {@link QueryStage}s. */
@ProviderType
public interface Pipeline {

    /**
     * Runs one statement. The chain is the one registered when this call starts; stages installed or
     * removed meanwhile affect only later statements.
     *
     * @throws QueryException with the SQLSTATE of whatever stopped the statement
     */
    void execute(QueryContext context) throws QueryException;

    /** The stages of the current chain, in order. */
    List<StageInfo> stages();
}
