package io.hatidata.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.pipeline.StageInfo;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceReference;

/**
 * Hot-swap: a custom stage bundle (the statement-guard example) installed at runtime changes the next
 * statement on an already open connection, and uninstalling it reverts, while no product bundle restarts
 * and the connection stays up throughout.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends HatiDataTestSupport {
    private static final String GUARD = "statement-guard";

    @Inject
    private BundleContext bundleContext;

    @Inject
    @Filter(timeout = 120_000)
    private Pipeline pipeline;

    @Configuration
    public Option[] configuration() {
        return baseConfiguration();
    }

    @Test
    public void aStageInstalledAtRuntimeChangesTheNextStatementAndUninstallingItReverts() throws Exception {
        Map<Long, Long> productBundlesBefore = productBundles();
        long pipelineServiceId = pipelineServiceId();
        List<String> stoppedProductBundles = new CopyOnWriteArrayList<>();
        BundleListener stopWatch = event -> {
            String name = event.getBundle().getSymbolicName();
            if (event.getType() == BundleEvent.STOPPING && isProductBundle(name)) {
                stoppedProductBundles.add(name);
            }
        };
        bundleContext.addBundleListener(stopWatch);

        try (Connection connection = connect(bootstrapKey()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE hot_a (i INTEGER)");
            statement.execute("DROP TABLE hot_a");

            String location = new File(System.getProperty("hatidata.example.bundle")).toURI().toString();
            Bundle guard = bundleContext.installBundle(location);
            guard.start();
            await("the guard stage joins the pipeline", () -> hasStage(GUARD));

            statement.execute("CREATE TABLE hot_b (i INTEGER)");
            try {
                statement.execute("DROP TABLE hot_b");
                fail("the guard stage should refuse DROP");
            } catch (SQLException ex) {
                assertEquals(ex.getMessage(), "42501", ex.getSQLState());
            }

            guard.uninstall();
            await("the guard stage leaves the pipeline", () -> !hasStage(GUARD));

            statement.execute("DROP TABLE hot_b");
            assertTrue("the connection survived the swap", connection.isValid(10));
        }

        bundleContext.removeBundleListener(stopWatch);
        assertEquals("product bundles stopped during the swap", List.of(), stoppedProductBundles);
        assertEquals("no product bundle was replaced", productBundlesBefore, productBundles());
        assertEquals("the pipeline service was not re-registered", pipelineServiceId, pipelineServiceId());
    }

    private boolean hasStage(String name) {
        return pipeline.stages().stream().map(StageInfo::name).anyMatch(name::equals);
    }

    /** Bundle id → last-modified stamp of every active product bundle. */
    private Map<Long, Long> productBundles() {
        Map<Long, Long> result = new HashMap<>();
        for (Bundle each : bundleContext.getBundles()) {
            String name = each.getSymbolicName();
            if (isProductBundle(name)) {
                assertEquals(name + " is not active", Bundle.ACTIVE, each.getState());
                result.put(each.getBundleId(), each.getLastModified());
            }
        }
        assertFalse(result.isEmpty());
        return result;
    }

    private static boolean isProductBundle(String symbolicName) {
        return symbolicName != null && symbolicName.startsWith("io.hatidata.") && !symbolicName.startsWith("io.hatidata.examples");
    }

    private long pipelineServiceId() {
        ServiceReference<Pipeline> reference = bundleContext.getServiceReference(Pipeline.class);
        return (Long) reference.getProperty("service.id");
    }

    /** Waits for a condition with a deadline (service events arrive asynchronously after install). */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            TimeUnit.MILLISECONDS.sleep(25);
        }
    }
}
