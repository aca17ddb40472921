package io.hatidata.wire.pg;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.List;
import java.util.Locale;

/**
 * The result format codes of a Bind: none means every column in text, one applies to all columns, and
 * otherwise there is one per column (0 text, 1 binary).
 *
 * @param codes the codes as the Bind sent them
 */
record ResultFormats(List<Short> codes) {
    /** Every column in text. */
    static final ResultFormats TEXT = new ResultFormats(List.of());

    ResultFormats {
        codes = List.copyOf(codes);
    }

    /** Whether column {@code index} (0-based) is sent in binary. */
    boolean binary(int index) {
        if (codes.isEmpty()) {
            return false;
        }
        return (codes.size() == 1 ? codes.get(0) : codes.get(index)) == 1;
    }

    /**
     * The format code of each column, after checking that the codes fit the columns and that every column
     * asked in binary has a binary encoding.
     *
     * @throws QueryException {@code 08P01} for a wrong number of codes, {@code 0A000} for an unsupported type
     */
    short[] forColumns(List<Column> columns) throws QueryException {
        if (codes.size() > 1 && codes.size() != columns.size()) {
            throw new QueryException(SqlState.PROTOCOL_VIOLATION, "bind message has " + codes.size()
                    + " result formats but query has " + columns.size() + " columns");
        }
        short[] result = new short[columns.size()];
        for (int i = 0; i < result.length; i++) {
            if (binary(i)) {
                Column column = columns.get(i);
                if (!BinaryValueEncoder.supports(column.type())) {
                    throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED, "binary format is not supported for column \""
                            + column.name() + "\" of type " + column.type().name().toLowerCase(Locale.ROOT)
                            + "; ask for it in text format");
                }
                result[i] = 1;
            }
        }
        return result;
    }
}
