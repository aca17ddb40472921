/** ABAC (PolicyEvaluator): allow/deny documents with conditions, actions and resources; deny overrides. */
package io.hatidata.policy.abac;
