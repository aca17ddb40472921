package io.hatidata.api.engine;

import io.hatidata.api.query.QueryException;
import org.osgi.annotation.versioning.ProviderType;

/** Executes SQL on the data of environments; environments never share data. */
@ProviderType
public interface QueryEngine {

    /**
     * Opens a session on the environment's data. A session keeps the transaction state of one client
     * session and must be closed when the client goes.
     *
     * @param environmentId the environment ({@code env_…}) whose database the session works in
     * @throws QueryException when the environment's database cannot be opened
     */
    EngineSession openSession(String environmentId) throws QueryException;
}
