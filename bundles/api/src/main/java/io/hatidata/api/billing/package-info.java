/**
 * Billing as services: credit usage per organization, environment, key and agent (SPEC §2.11), the
 * organization's quotas with their tier defaults and alert thresholds, and the check the control plane
 * makes before creating an environment, user or API key. Front-ends call {@link
 * io.hatidata.api.billing.BillingService} with the authenticated caller; the service checks the role and
 * the organization itself. Free of library types.
 */
@Export
@Version("1.1.0")
package io.hatidata.api.billing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
