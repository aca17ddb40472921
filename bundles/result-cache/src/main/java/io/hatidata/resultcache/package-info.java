/**
 * The L1 result cache (SPEC §1.5): a pipeline stage right before execute that serves the result of a
 * repeated, deterministic read from memory, keyed by organization, environment, principal and policy
 * context, the final (rewritten, transpiled) statement, its parameters and the versions of the tables it
 * reads; every write through the pipeline moves those versions. Private.
 */
package io.hatidata.resultcache;
