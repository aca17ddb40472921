/**
 * Governance policies (SPEC §2.7): column masking, row-level security and ABAC documents, stored per
 * environment by the policy bundle ({@link io.hatidata.api.policy.PolicyService}) and enforced by the
 * masking, row-level security and ABAC bundles through the governance SPI. Only JDK types: a policy's
 * type-specific part is a JSON-like tree of {@link java.util.Map}, {@link java.util.List}, {@link String},
 * {@link Number}, {@link Boolean} and {@code null}.
 */
@Export
@Version("1.1.0")
package io.hatidata.api.policy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
