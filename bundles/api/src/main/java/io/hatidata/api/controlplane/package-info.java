/**
 * The control plane as services: organizations, users, environments, API keys, login tokens, and the
 * authorization model (roles, permissions, key scopes, tiers) they enforce. Front-ends (the REST API,
 * later the dashboard and MCP) call these services with the authenticated {@link
 * io.hatidata.api.controlplane.Caller}; every service checks the caller's role and organization itself, so
 * tenant isolation does not depend on the front-end. Free of library types.
 */
@Export
@Version("2.0.0")
package io.hatidata.api.controlplane;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
