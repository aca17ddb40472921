package io.hatidata.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable, ordered list of stages. Changes produce a new snapshot; a statement holds the snapshot it
 * started with, so a stage coming or going never changes a statement in flight.
 */
final class StageSnapshot {
    static final StageSnapshot EMPTY = new StageSnapshot(List.of());

    private final List<RegisteredStage> stages;

    private StageSnapshot(List<RegisteredStage> stages) {
        this.stages = stages;
    }

    /** This snapshot plus the stage (replacing an entry with the same service id). */
    StageSnapshot with(RegisteredStage stage) {
        List<RegisteredStage> result = new ArrayList<>(stages.size() + 1);
        for (RegisteredStage each : stages) {
            if (each.serviceId() != stage.serviceId()) {
                result.add(each);
            }
        }
        result.add(stage);
        result.sort(RegisteredStage.CHAIN_ORDER);
        return new StageSnapshot(List.copyOf(result));
    }

    /** This snapshot without the stage with this service id; the same snapshot when it has none. */
    StageSnapshot without(long serviceId) {
        List<RegisteredStage> result = new ArrayList<>(stages.size());
        for (RegisteredStage each : stages) {
            if (each.serviceId() != serviceId) {
                result.add(each);
            }
        }
        return result.size() == stages.size() ? this : new StageSnapshot(List.copyOf(result));
    }

    /** The stages in chain order, unmodifiable. */
    List<RegisteredStage> stages() {
        return stages;
    }
}
