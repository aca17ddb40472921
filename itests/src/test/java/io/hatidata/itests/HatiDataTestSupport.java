package io.hatidata.itests;

import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.junit.Before;
import org.ops4j.pax.exam.util.Filter;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption;
import org.postgresql.Driver;

/**
 * Boots the built distribution (karaf-assembly's tar.gz) with free ports and pgjdbc installed, the way an
 * operator would run it. Test classes add assertions only; each class is one boot.
 */
public abstract class HatiDataTestSupport {
    /** Registered by Karaf once every boot feature is installed and started: tests begin after it. */
    @Inject
    @Filter(timeout = 180_000)
    protected BootFinished bootFinished;

    /** The wire port of this boot, chosen free in the test JVM and handed to the container. */
    private static final int PG_PORT = freePort();
    /** The HTTP port of this boot. */
    private static final int HTTP_PORT = freePort();

    protected Option[] baseConfiguration() {
        String distribution = new File(System.getProperty("hatidata.distribution")).toURI().toString();
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(distribution)
                    .karafVersion(System.getProperty("karaf.version"))
                    .name("HatiData")
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevelOption.LogLevel.INFO),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/io.hatidata.wire.pg.cfg", "port", Integer.toString(PG_PORT)),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(HTTP_PORT)),
            // tests of other areas run more statements, keys and environments than the free tier allows;
            // BillingIT turns the tier defaults back on
            editConfigurationFilePut("etc/io.hatidata.billing.cfg", "enforceTierDefaults", "false"),
            // The container resolves Pax Exam's own bundles and pgjdbc from the build's local repository only.
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("maven.repo.local")),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
            mavenBundle("org.postgresql", "postgresql", System.getProperty("postgresql.version")),
            systemProperty("hatidata.itest.pgPort").value(Integer.toString(PG_PORT)),
            systemProperty("hatidata.itest.httpPort").value(Integer.toString(HTTP_PORT)),
            systemProperty("hatidata.example.bundle").value(System.getProperty("hatidata.example.bundle")),
        };
    }

    /**
     * Waits until the wire server accepts connections: it binds after its services are satisfied, which
     * can be a moment after the services the test injects.
     */
    @Before
    public void awaitWireServer() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", pgPort()), 1000);
                return;
            } catch (IOException ex) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the wire server did not start listening on " + pgPort(), ex);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    /** The wire port, read inside the container. */
    protected static int pgPort() {
        return Integer.getInteger("hatidata.itest.pgPort");
    }

    /** The HTTP port, read inside the container. */
    protected static int httpPort() {
        return Integer.getInteger("hatidata.itest.httpPort");
    }

    /** The owner key the first start generated and wrote to the data folder. */
    protected static String bootstrapKey() throws IOException {
        Path file = Path.of(System.getProperty("karaf.data"), "hatidata", "bootstrap-api-key");
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    /** A pgjdbc connection with the driver's defaults (extended query protocol, server-side prepares). */
    protected static Connection connect(String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "admin");
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        Connection result = new Driver().connect("jdbc:postgresql://127.0.0.1:" + pgPort() + "/hatidata", properties);
        if (result == null) {
            throw new SQLException("pgjdbc refused the URL");
        }
        return result;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException("no free port", ex);
        }
    }
}
