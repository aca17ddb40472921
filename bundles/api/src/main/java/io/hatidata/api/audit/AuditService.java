package io.hatidata.api.audit;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads, verifies and exports the audit trails. Every method needs the view-audit-logs permission
 * (owner, admin, auditor) and, for an API key, the scope {@code audit:read}; another organization's
 * environment or organization is {@code NOT_FOUND}, an API key reaches only its own environment's query
 * trail. Failures are {@link io.hatidata.api.controlplane.ControlPlaneException}s.
 */
@ProviderType
public interface AuditService {

    /** The statements of an environment, newest first, with the filters of SPEC §2.10.1. */
    Page<QueryAuditEntry> queries(Caller caller, String environmentId, QueryAuditFilter filter, PageRequest page);

    /** One statement of an environment by its query id (the first one when a query id was used twice). */
    QueryAuditEntry query(Caller caller, String environmentId, String queryId);

    /** The IAM trail of an organization, newest first. */
    Page<IamAuditEntry> iam(Caller caller, String organizationId, IamAuditFilter filter, PageRequest page);

    /** Re-hashes the environment's query chain and checks it against its newest signed checkpoint. */
    ChainVerification verifyQueries(Caller caller, String environmentId);

    /** Re-hashes the organization's IAM chain and checks it against its newest signed checkpoint. */
    ChainVerification verifyIam(Caller caller, String organizationId);

    /**
     * An export of the environment's statement entries (both records of each statement, in chain order,
     * with their hashes); access is checked now, the rows are read when the export is written.
     */
    AuditExport exportQueries(Caller caller, String environmentId, QueryAuditFilter filter, ExportFormat format);

    /** An export of the organization's IAM entries in chain order; access is checked now. */
    AuditExport exportIam(Caller caller, String organizationId, IamAuditFilter filter, ExportFormat format);

    /** The public half of the key that signs checkpoints; readable by any authenticated caller. */
    SigningKey signingKey();
}
