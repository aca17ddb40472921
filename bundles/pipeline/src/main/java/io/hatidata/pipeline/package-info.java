/**
 * The pipeline registry: {@link io.hatidata.pipeline.StagePipeline} collects every
 * {@link io.hatidata.api.pipeline.QueryStage} service, keeps them as an ordered immutable
 * {@link io.hatidata.pipeline.StageSnapshot}, and runs each statement through the snapshot it read when
 * the statement started. Private: this bundle exports nothing, so replacing it refreshes no other bundle.
 */
package io.hatidata.pipeline;
