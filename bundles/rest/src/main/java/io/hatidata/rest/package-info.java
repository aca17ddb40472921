/**
 * The product's HTTP side on Karaf's Pax Web (HTTP Whiteboard). Today it serves the health endpoint;
 * the {@code /v1} management and query API grows here. Private: exports nothing.
 */
package io.hatidata.rest;
