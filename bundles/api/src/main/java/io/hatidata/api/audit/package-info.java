/**
 * The audit trails as a service (SPEC §2.10): the query audit of every statement (one hash chain per
 * environment) and the IAM audit of administrative changes (one hash chain per organization), their
 * verification against the chain links and the signed checkpoints, and streamed exports. Front-ends call
 * {@link io.hatidata.api.audit.AuditService} with the authenticated
 * {@link io.hatidata.api.controlplane.Caller}; the service checks the role (view audit logs) and the
 * tenant itself. Free of library types.
 */
@Export
@Version("1.1.0")
package io.hatidata.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
