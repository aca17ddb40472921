package io.hatidata.resultcache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Copies and sizes of result values (the Java types of {@code io.hatidata.api.query.ColumnType}). Every
 * value type is immutable except {@code byte[]} (copied) and lists (kept as unmodifiable copies), so a
 * cached row can be handed out again and again without a consumer changing it for the next.
 */
final class Values {
    private static final long REFERENCE = 8;
    private static final long OBJECT = 16;

    private Values() {}

    /** A copy of a row that shares only immutable values. */
    static Object[] copy(Object[] row) {
        Object[] copy = row.clone();
        for (int i = 0; i < copy.length; i++) {
            copy[i] = copyValue(copy[i]);
        }
        return copy;
    }

    private static Object copyValue(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object each : list) {
                copy.add(copyValue(each));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** The estimated heap size of a row: the array and each value. */
    static long sizeOf(Object[] row) {
        long size = OBJECT + REFERENCE * row.length;
        for (Object value : row) {
            size += sizeOfValue(value);
        }
        return size;
    }

    /** The estimated heap size of one value; a parameter or a cell. */
    static long sizeOfValue(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String text) {
            return 40 + 2L * text.length();
        }
        if (value instanceof byte[] bytes) {
            return OBJECT + bytes.length;
        }
        if (value instanceof List<?> list) {
            long size = 40 + REFERENCE * list.size();
            for (Object each : list) {
                size += sizeOfValue(each);
            }
            return size;
        }
        if (value instanceof BigDecimal decimal) {
            return 64 + decimal.unscaledValue().bitLength() / 8;
        }
        if (value instanceof BigInteger integer) {
            return 48 + integer.bitLength() / 8;
        }
        // boxed numbers and booleans, java.time values, UUID: a small fixed-size object
        return 32;
    }
}
