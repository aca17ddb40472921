/**
 * Billing: the credit formula (SPEC §2.11.3) as the pipeline's {@code CostEstimator}, the quotas as its
 * {@code QuotaGuard} and organization-limits stage, the actual credits as its {@code Meter} with hourly
 * roll-ups in the control-plane store, and the {@code BillingService} the REST API calls. Private.
 */
package io.hatidata.billing;
