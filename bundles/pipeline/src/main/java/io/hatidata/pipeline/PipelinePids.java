package io.hatidata.pipeline;

/** Configuration PIDs of this bundle's components. */
final class PipelinePids {
    /** The admission stage and the full-scan gate (one configuration for both). */
    static final String ADMISSION = "io.hatidata.pipeline.admission";

    private PipelinePids() {}
}
