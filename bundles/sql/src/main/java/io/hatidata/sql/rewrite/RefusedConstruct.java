package io.hatidata.sql.rewrite;

/**
 * Thrown inside a shuttle (which cannot throw checked exceptions) for a construct with no DuckDB
 * equivalent; the transpiler turns it into {@code 0A000} naming the construct.
 */
public final class RefusedConstruct extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefusedConstruct(String construct) {
        super(construct, null, false, false);
    }

    /** The construct, as the client should read it. */
    public String construct() {
        return getMessage();
    }
}
