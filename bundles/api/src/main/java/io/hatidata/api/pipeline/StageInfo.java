package io.hatidata.api.pipeline;

/**
 * A stage as the pipeline currently orders it, for diagnostics.
 *
 * @param name the stage's {@link QueryStage#NAME}
 * @param order the stage's {@link QueryStage#ORDER}
 * @param bundle the symbolic name of the bundle that contributed it
 */
public record StageInfo(String name, int order, String bundle) {}
