/** Example custom policy bundle: a {@link io.hatidata.api.governance.PolicyEvaluator} built against the API bundle only. */
package io.hatidata.examples.custompolicy;
