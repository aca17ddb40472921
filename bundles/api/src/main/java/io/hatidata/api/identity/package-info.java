/**
 * Who is asking: credentials presented by a client, the {@link io.hatidata.api.identity.Identity} they
 * prove, and the {@link io.hatidata.api.identity.Authenticator} service that checks them.
 *
 * <p>Every front-end (Postgres wire, REST, MCP) authenticates through the same service, so an identity
 * carries the same organization, environment and role whichever path a statement arrives on.
 */
@Export
@Version("1.0.0")
package io.hatidata.api.identity;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
