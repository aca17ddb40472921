package io.hatidata.store;

import io.hatidata.api.runtime.DataDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control-plane database: Apache Derby embedded in this bundle, booted in
 * {@code <data folder>/<databaseName>} and offered as a {@link DataSource} service with the property
 * {@code hatidata.datasource=control-plane}. An operator who wants several nodes to share one control plane
 * disables this component and registers a PostgreSQL {@code DataSource} with the same property.
 *
 * <p>Derby is shut down cleanly on deactivation, so replacing or stopping this bundle leaves a consistent
 * database and no Derby thread behind.
 */
@Component(configurationPid = StorePids.STORE, service = DataSource.class, property = "hatidata.datasource=control-plane")
@Designate(ocd = EmbeddedDerbyDataSourceConfig.class)
public final class EmbeddedDerbyDataSource implements DataSource {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDerbyDataSource.class);
    /** Derby's SQLSTATE for "database shut down normally". */
    private static final String DATABASE_SHUTDOWN = "08006";
    /** Derby's SQLSTATE for "Derby system shut down normally". */
    private static final String SYSTEM_SHUTDOWN = "XJ015";

    /** Connections after the boot: without {@code create}, which on an existing database costs a warning each. */
    private final EmbeddedDataSource derby;
    private final Path databasePath;
    private final AtomicBoolean closed = new AtomicBoolean();

    @Activate
    public EmbeddedDerbyDataSource(EmbeddedDerbyDataSourceConfig config) throws IOException, SQLException {
        Path dataDir = DataDirectory.resolve(config.dataDir());
        Files.createDirectories(dataDir);
        this.databasePath = dataDir.resolve(config.databaseName());
        // Derby writes derby.log into its system home; keep it inside the product's data folder.
        System.setProperty("derby.system.home", dataDir.toString());
        EmbeddedDataSource boot = new EmbeddedDataSource();
        boot.setDatabaseName(databasePath.toString());
        boot.setCreateDatabase("create");
        // Boot now, so a broken or locked database fails activation instead of the first statement.
        try (Connection ignored = withBundleClassLoader(boot::getConnection)) {
            LOG.info("Control-plane store ready at {}", databasePath);
        }
        // Derby answers a connection with create=true to an existing database with an SQLWarning, built
        // through two failed resource-bundle lookups: about twice the cost of the connection itself.
        this.derby = new EmbeddedDataSource();
        derby.setDatabaseName(databasePath.toString());
    }

    @Deactivate
    void deactivate() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        shutdown(databasePath.toString(), DATABASE_SHUTDOWN);
        shutdown("", SYSTEM_SHUTDOWN);
        LOG.info("Control-plane store at {} shut down", databasePath);
    }

    private static void shutdown(String databaseName, String expectedState) {
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(databaseName);
        shutdown.setShutdownDatabase("shutdown");
        try (Connection ignored = withBundleClassLoader(shutdown::getConnection)) {
            LOG.warn("Derby did not report a shutdown of '{}'", databaseName);
        } catch (SQLException ex) {
            if (!expectedState.equals(ex.getSQLState())) {
                LOG.warn("Derby shutdown of '{}' failed: {} ({})", databaseName, ex.getMessage(), ex.getSQLState());
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed.get()) {
            throw new SQLException("the control-plane store is shut down", "08003");
        }
        return withBundleClassLoader(derby::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the embedded store takes no credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return derby.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        throw new SQLFeatureNotSupportedException("the store's log writer is not configurable");
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        derby.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return derby.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("Derby has no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("the embedded store does not expose Derby's classes");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    /**
     * Derby loads its modules through the thread context class loader; in OSGi that loader is unspecified,
     * so it is set to this bundle's loader for the duration of the call only.
     */
    private static <T> T withBundleClassLoader(SqlCall<T> call) throws SQLException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EmbeddedDerbyDataSource.class.getClassLoader());
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
