package io.hatidata.store;

/** Configuration PIDs of this bundle; each has a documented {@code etc/<pid>.cfg}. */
final class StorePids {
    /** The embedded Derby store. */
    static final String STORE = "io.hatidata.store";

    private StorePids() {}
}
