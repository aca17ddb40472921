/**
 * The audit bundle: hash-chained query and IAM trails in the control-plane Derby database, written by one
 * group-commit writer, with Ed25519-signed checkpoints of each chain head. See docs/audit.md.
 */
package io.hatidata.audit;
