/**
 * Provisioning (SPEC §2.8): just-in-time access grants and warehouse shadow runs, as services that
 * front-ends call with the authenticated {@link io.hatidata.api.controlplane.Caller}. Every service checks
 * the caller's role and organization itself. Free of library types.
 */
@Export
@Version("1.0.0")
package io.hatidata.api.provisioning;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
