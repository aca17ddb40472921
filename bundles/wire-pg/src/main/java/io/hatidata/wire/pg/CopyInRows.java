package io.hatidata.wire.pg;

import io.hatidata.api.query.QueryException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of a COPY FROM STDIN stream, cut anywhere into CopyData messages, into rows: lines end
 * at {@code \n} (a preceding {@code \r} is dropped), except inside a quoted CSV field; a text-format line
 * {@code \.} ends the data; the CSV header line is skipped; every row must have the table's width. A line longer than {@value #MAX_LINE_BYTES}
 * bytes is refused with {@code 54000}.
 */
final class CopyInRows {
    static final int MAX_LINE_BYTES = 64 * 1024 * 1024;

    private final CopyFormat format;
    private final int width;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean headerPending;
    private boolean ended;
    private long lineNumber;

    CopyInRows(CopyFormat format, int width) {
        this.format = format;
        this.width = width;
        this.headerPending = format.header();
    }

    /** The rows completed by {@code data}. */
    List<List<String>> feed(byte[] data) throws QueryException {
        List<List<String>> rows = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                append(data, start, i - start);
                start = i + 1;
                String text = line.toString(StandardCharsets.UTF_8);
                if (format.insideQuotes(text)) {
                    line.write('\n');
                    continue;
                }
                line.reset();
                accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text, rows);
            }
        }
        append(data, start, data.length - start);
        return rows;
    }

    /** The last row, when the stream did not end with a line break. */
    List<List<String>> finish() throws QueryException {
        List<List<String>> rows = new ArrayList<>();
        if (line.size() > 0) {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (format.insideQuotes(text)) {
                throw CopyFormat.badFormat("unterminated CSV quoted field");
            }
            accept(text, rows);
        }
        return rows;
    }

    private void append(byte[] data, int offset, int length) throws QueryException {
        if (line.size() + length > MAX_LINE_BYTES) {
            throw new QueryException("54000", "COPY line " + (lineNumber + 1) + " is longer than "
                    + MAX_LINE_BYTES + " bytes");
        }
        line.write(data, offset, length);
    }

    private void accept(String text, List<List<String>> rows) throws QueryException {
        lineNumber++;
        if (ended) {
            return;
        }
        if (!format.csv() && text.equals("\\.")) {
            ended = true;
            return;
        }
        if (headerPending) {
            headerPending = false;
            return;
        }
        List<String> row;
        try {
            row = format.decodeRow(text);
        } catch (QueryException ex) {
            throw new QueryException(ex.sqlState(), ex.getMessage() + " (line " + lineNumber + ")");
        }
        if (row.size() != width) {
            throw CopyFormat.badFormat((row.size() < width ? "missing data for column " + (row.size() + 1)
                    : "extra data after last expected column") + " (line " + lineNumber + ")");
        }
        rows.add(row);
    }
}
