package io.hatidata.billing;

/** Configuration PIDs of this bundle; each has a documented {@code etc/<pid>.cfg}. */
final class BillingPids {
    /** The meter, quotas and usage. */
    static final String BILLING = "io.hatidata.billing";

    private BillingPids() {}
}
