/**
 * The {@code /v1} REST API on Jersey: resources that translate HTTP to the control-plane services of
 * {@code io.hatidata.api.controlplane}, and the cross-cutting conventions of SPEC §1.8 (authentication,
 * rate limits, request ids, the error envelope, cursor pagination). Private to the bundle.
 */
package io.hatidata.rest.v1;
