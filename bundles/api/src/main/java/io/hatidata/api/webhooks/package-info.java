/**
 * Webhooks (SPEC §2.12): the management service the REST API calls, the catalogue of event types, and
 * {@link io.hatidata.api.webhooks.WebhookVerifier}, a receiver-side helper that checks a delivery's
 * signature with the JDK alone, so a receiver written in Java needs only this bundle's jar. Free of
 * library types.
 */
@Export
@Version("1.0.0")
package io.hatidata.api.webhooks;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
