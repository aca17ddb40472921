package io.hatidata.pipeline;

import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.pipeline.StageInfo;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline registry: a whiteboard of {@link QueryStage} services (multiple, dynamic, greedy) kept as an
 * ordered {@link StageSnapshot} that is swapped atomically when a stage comes, goes or changes order.
 *
 * <p>{@link #execute} reads the snapshot once and runs the whole statement on it: a stage installed or
 * removed at runtime changes the next statement, never one in flight, and no bundle restarts.
 */
@Component(service = Pipeline.class)
public final class StagePipeline implements Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(StagePipeline.class);

    private final AtomicReference<StageSnapshot> snapshot = new AtomicReference<>(StageSnapshot.EMPTY);

    @Reference(
            service = QueryStage.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStage(QueryStage stage, ServiceReference<QueryStage> reference) {
        RegisteredStage registered = describe(stage, reference);
        if (registered != null) {
            add(registered);
        }
    }

    void updatedStage(QueryStage stage, ServiceReference<QueryStage> reference) {
        RegisteredStage registered = describe(stage, reference);
        if (registered == null) {
            remove(serviceId(reference));
        } else {
            add(registered);
        }
    }

    void unbindStage(QueryStage stage, ServiceReference<QueryStage> reference) {
        remove(serviceId(reference));
    }

    /** Adds or replaces a stage; the next statement sees it. */
    void add(RegisteredStage stage) {
        snapshot.updateAndGet(current -> current.with(stage));
        LOG.info("Pipeline stage '{}' (order {}, bundle {}) added", stage.name(), stage.order(), stage.bundle());
    }

    /** Removes a stage; statements in flight keep it until they finish. */
    void remove(long serviceId) {
        StageSnapshot before = snapshot.getAndUpdate(current -> current.without(serviceId));
        before.stages().stream()
                .filter(each -> each.serviceId() == serviceId)
                .findFirst()
                .ifPresent(each -> LOG.info("Pipeline stage '{}' (bundle {}) removed", each.name(), each.bundle()));
    }

    @Override
    public void execute(QueryContext context) throws QueryException {
        List<RegisteredStage> stages = snapshot.get().stages();
        context.session().statementStarted();
        try {
            new SnapshotChain(stages, 0).proceed(context);
        } catch (RuntimeException | LinkageError | StackOverflowError ex) {
            // a defect, or a stage whose bundle went away mid-statement: the client gets XX000, the log the trace
            LOG.error("Statement {} of session {} failed inside a stage", context.queryId(), context.session().id(), ex);
            throw new QueryException(SqlState.INTERNAL_ERROR, "internal error (query " + context.queryId() + ")", ex);
        }
    }

    @Override
    public List<StageInfo> stages() {
        return snapshot.get().stages().stream().map(RegisteredStage::info).toList();
    }

    private static RegisteredStage describe(QueryStage stage, ServiceReference<QueryStage> reference) {
        Map<String, Object> properties = Map.of(
                QueryStage.ORDER, nullToEmpty(reference.getProperty(QueryStage.ORDER)),
                QueryStage.NAME, nullToEmpty(reference.getProperty(QueryStage.NAME)));
        String bundle = reference.getBundle() == null ? "?" : reference.getBundle().getSymbolicName();
        return describe(serviceId(reference), properties, bundle, stage);
    }

    /** Reads the stage's placement from its service properties; {@code null} when its order is unusable. */
    static RegisteredStage describe(long serviceId, Map<String, Object> properties, String bundle, QueryStage stage) {
        Integer order = parseOrder(properties.get(QueryStage.ORDER));
        Object nameProperty = properties.get(QueryStage.NAME);
        String name = nameProperty == null || nameProperty.toString().isBlank()
                ? stage.getClass().getName()
                : nameProperty.toString();
        if (order == null) {
            LOG.warn("Ignoring pipeline stage '{}' from bundle {}: property {} must be an integer, was '{}'",
                    name, bundle, QueryStage.ORDER, properties.get(QueryStage.ORDER));
            return null;
        }
        return new RegisteredStage(serviceId, order, name, bundle, stage);
    }

    private static Integer parseOrder(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof String text && !text.isBlank()) {
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException ex) {
                return null;
            }
        }
        return null;
    }

    private static Object nullToEmpty(Object value) {
        return value == null ? "" : value;
    }

    private static long serviceId(ServiceReference<?> reference) {
        return (Long) reference.getProperty(Constants.SERVICE_ID);
    }
}
