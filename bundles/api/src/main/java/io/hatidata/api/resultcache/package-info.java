/**
 * The result cache's contract with the other bundles (SPEC §1.5): the statement attribute through which
 * the control plane passes the environment's {@code cache_enabled} setting. Free of library types.
 */
@Export
@Version("1.0.0")
package io.hatidata.api.resultcache;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
