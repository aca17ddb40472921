/** The policy store: {@link io.hatidata.api.policy.PolicyService} on the control-plane Derby database. */
package io.hatidata.policy;
