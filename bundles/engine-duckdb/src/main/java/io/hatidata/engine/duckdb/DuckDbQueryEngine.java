package io.hatidata.engine.duckdb;

import io.hatidata.api.engine.EngineSession;
import io.hatidata.api.engine.QueryEngine;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.runtime.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded DuckDB engine. Each environment has its own database file,
 * {@code <data folder>/environments/<environment id>.duckdb}, opened on first use and kept open; each
 * client session gets its own connection to it. Deactivation closes every session and database, so the
 * files are consistent and unlocked when the bundle stops.
 */
@Component(configurationPid = EnginePids.ENGINE, service = QueryEngine.class, property = "hatidata.engine=duckdb")
@Designate(ocd = DuckDbQueryEngineConfig.class)
public final class DuckDbQueryEngine implements QueryEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbQueryEngine.class);
    /** Environment ids become file names: nothing that could leave the environments folder. */
    private static final Pattern ENVIRONMENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path environmentsDir;
    private final Properties settings = new Properties();
    private final int timeoutSeconds;
    private final Map<String, EnvironmentDatabase> databases = new ConcurrentHashMap<>();
    private final Set<DuckDbSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    @Activate
    public DuckDbQueryEngine(DuckDbQueryEngineConfig config) throws IOException {
        this.environmentsDir = DataDirectory.resolve(config.dataDir()).resolve("environments");
        Files.createDirectories(environmentsDir);
        if (!config.memoryLimit().isBlank()) {
            settings.setProperty("memory_limit", config.memoryLimit().trim());
        }
        if (config.threads() > 0) {
            settings.setProperty("threads", Integer.toString(config.threads()));
        }
        this.timeoutSeconds = Math.max(0, config.statementTimeoutSeconds());
        LOG.info("DuckDB engine ready: databases in {}", environmentsDir);
    }

    @Override
    public EngineSession openSession(String environmentId) throws QueryException {
        if (closed.get()) {
            throw new QueryException(SqlState.ADMIN_SHUTDOWN, "the query engine is stopping");
        }
        if (!ENVIRONMENT_ID.matcher(environmentId).matches()) {
            throw new QueryException(SqlState.INVALID_CATALOG_NAME, "invalid environment id");
        }
        try {
            EnvironmentDatabase database = database(environmentId);
            DuckDbSession session = new DuckDbSession(database.newConnection(), timeoutSeconds, sessions::remove);
            sessions.add(session);
            if (closed.get()) {
                // deactivation ran meanwhile and did not see this session
                session.close();
                throw new QueryException(SqlState.ADMIN_SHUTDOWN, "the query engine is stopping");
            }
            return session;
        } catch (SQLException ex) {
            LOG.error("Opening the database of environment {} failed", environmentId, ex);
            throw new QueryException(SqlState.IO_ERROR, "the environment's database cannot be opened");
        }
    }

    private EnvironmentDatabase database(String environmentId) throws SQLException {
        EnvironmentDatabase existing = databases.get(environmentId);
        if (existing != null) {
            return existing;
        }
        synchronized (databases) {
            if (closed.get()) {
                throw new SQLException("the query engine is stopping", "57P01");
            }
            EnvironmentDatabase again = databases.get(environmentId);
            if (again != null) {
                return again;
            }
            EnvironmentDatabase opened = EnvironmentDatabase.open(environmentsDir.resolve(environmentId + ".duckdb"), settings);
            databases.put(environmentId, opened);
            LOG.info("Opened the database of environment {} at {}", environmentId, opened.file());
            return opened;
        }
    }

    @Deactivate
    void deactivate() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (DuckDbSession each : new ArrayList<>(sessions)) {
            each.close();
        }
        synchronized (databases) {
            for (Map.Entry<String, EnvironmentDatabase> each : databases.entrySet()) {
                try {
                    each.getValue().close();
                } catch (SQLException ex) {
                    LOG.warn("Closing the database of environment {} failed: {}", each.getKey(), ex.getMessage());
                }
            }
            databases.clear();
        }
        LOG.info("DuckDB engine stopped");
    }
}
