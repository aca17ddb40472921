package io.hatidata.shadow;

import io.hatidata.api.query.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * One side's outcome of a statement as kept for comparison: columns, the first {@code limit} rows, the
 * number of rows in all, the command tag, or the error. Bounded: rows past the limit are counted only.
 */
final class CapturedResult {
    private final int limit;
    private List<Column> columns = List.of();
    private final List<Object[]> rows = new ArrayList<>();
    private long rowCount;
    private String commandTag = "";
    private String error = "";

    CapturedResult(int limit) {
        this.limit = limit;
    }

    void columns(List<Column> value) {
        columns = List.copyOf(value);
    }

    void row(Object[] values) {
        rowCount++;
        if (rows.size() < limit) {
            rows.add(values);
        }
    }

    void complete(String tag) {
        commandTag = tag == null ? "" : tag;
    }

    void failed(String sqlState, String message) {
        error = sqlState + ": " + message;
    }

    List<Column> columns() {
        return columns;
    }

    List<Object[]> rows() {
        return rows;
    }

    long rowCount() {
        return rowCount;
    }

    /** Some rows were counted but not kept: the result cannot be compared in full. */
    boolean truncated() {
        return rowCount > rows.size();
    }

    String commandTag() {
        return commandTag;
    }

    String error() {
        return error;
    }

    boolean failed() {
        return !error.isEmpty();
    }
}
