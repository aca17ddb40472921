/**
 * The embedded control-plane store: {@link io.hatidata.store.EmbeddedDerbyDataSource} boots Apache
 * Derby in the product's data folder and offers it as a {@code javax.sql.DataSource} service. Owner
 * bundles (control plane, audit, billing, webhooks) create and migrate their own tables through it and
 * never see a Derby class. Private: this bundle exports nothing.
 */
package io.hatidata.store;
