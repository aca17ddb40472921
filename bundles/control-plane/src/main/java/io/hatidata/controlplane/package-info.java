/**
 * The control plane: organizations, users, environments and API keys in the store's database; the
 * first-start bootstrap of an owner; and {@link io.hatidata.controlplane.ApiKeyAuthenticator}, the
 * {@link io.hatidata.api.identity.Authenticator} every front-end uses. Private: exports nothing.
 */
package io.hatidata.controlplane;
