package io.hatidata.api.query;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the outcome of one statement as it is produced, so a result is streamed and never held whole.
 *
 * <p>The calls for one statement follow the grammar {@code (columns row*)? complete}: a statement that
 * returns rows announces its columns first, then sends each row, then completes; any other statement
 * only completes. Front-ends implement this interface (the wire protocol writes RowDescription, DataRow
 * and CommandComplete); stages may wrap it, for example to mask values or count rows.
 *
 * <p>A sink is used by one thread at a time. {@link #row(Object[])} may block while the client is slow
 * (back-pressure) and throws when the client is gone or the statement was cancelled; the producer then
 * stops.
 */
@ConsumerType
public interface ResultSink {

    /** The statement returns rows with these columns. */
    void columns(List<Column> columns) throws QueryException;

    /**
     * One row. The array has one value per column, in the Java type of the column's {@link ColumnType},
     * {@code null} for SQL NULL. The sink may keep the array; the producer never reuses it.
     */
    void row(Object[] values) throws QueryException;

    /**
     * The statement finished.
     *
     * @param commandTag the PostgreSQL command tag, such as {@code SELECT 3}, {@code INSERT 0 1} or
     *     {@code CREATE TABLE}
     */
    void complete(String commandTag) throws QueryException;

    /** A sink that ignores the result: for statements run for their effect (and for tests). */
    static ResultSink discarding() {
        return Discarding.INSTANCE;
    }
}

/** The sink of {@link ResultSink#discarding()}. */
enum Discarding implements ResultSink {
    INSTANCE;

    @Override
    public void columns(List<Column> columns) {}

    @Override
    public void row(Object[] values) {}

    @Override
    public void complete(String commandTag) {}
}
