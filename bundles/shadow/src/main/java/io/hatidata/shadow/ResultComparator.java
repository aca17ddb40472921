package io.hatidata.shadow;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether two results are alike, and says where they first differ. The rules:
 *
 * <ul>
 *   <li>Column counts must agree; column names are not compared (engines name expressions differently).
 *   <li>Rows are compared in order when the statement has an {@code ORDER BY}, otherwise as multisets
 *       (both sides sorted by a canonical form of their values).
 *   <li>Numbers of any type compare by value: equal when exactly equal, or when their difference is at most
 *       {@code tolerance} times the larger magnitude (or at most {@code tolerance} near zero). NaN equals NaN.
 *   <li>NULL equals NULL only (SQL's three-valued logic does not apply: two NULLs are the same answer).
 *   <li>Time zones are normalised: {@code timestamptz} values compare as instants; a {@code timestamp} without
 *       zone is taken as UTC when the other side has a zone.
 *   <li>Other values compare by their text form (so {@code text} and {@code varchar} agree).
 *   <li>Statements without rows compare their command tags' row counts ({@code INSERT 0 3}).
 * </ul>
 */
final class ResultComparator {
    private static final Pattern TAG_COUNT = Pattern.compile("(\\d+)$");
    private final double tolerance;

    ResultComparator(double tolerance) {
        this.tolerance = tolerance;
    }

    /** The first difference, or empty when the results are alike. */
    Optional<String> difference(CapturedResult source, CapturedResult hatidata, boolean ordered) {
        if (hatidata.failed()) {
            return Optional.of("HatiData failed: " + hatidata.error());
        }
        if (source.columns().size() != hatidata.columns().size()) {
            return Optional.of("column count: source " + source.columns().size() + ", hatidata " + hatidata.columns().size());
        }
        if (source.columns().isEmpty()) {
            String left = tagCount(source.commandTag());
            String right = tagCount(hatidata.commandTag());
            return left.equals(right) ? Optional.empty()
                    : Optional.of("command tag: source " + source.commandTag() + ", hatidata " + hatidata.commandTag());
        }
        if (source.rowCount() != hatidata.rowCount()) {
            return Optional.of("row count: source " + source.rowCount() + ", hatidata " + hatidata.rowCount());
        }
        List<Object[]> left = new ArrayList<>(source.rows());
        List<Object[]> right = new ArrayList<>(hatidata.rows());
        if (!ordered) {
            Comparator<Object[]> canonical = Comparator.comparing(ResultComparator::canonicalRow);
            left.sort(canonical);
            right.sort(canonical);
        }
        for (int row = 0; row < left.size(); row++) {
            for (int column = 0; column < left.get(row).length; column++) {
                Object a = left.get(row)[column];
                Object b = right.get(row)[column];
                if (!alike(a, b)) {
                    return Optional.of("row " + (row + 1) + (ordered ? "" : " (sorted)") + ", column " + (column + 1) + " ("
                            + source.columns().get(column).name() + "): source " + text(a) + ", hatidata " + text(b));
                }
            }
        }
        return Optional.empty();
    }

    boolean alike(Object a, Object b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        BigDecimal left = number(a);
        BigDecimal right = number(b);
        if (left != null && right != null) {
            return closeEnough(left, right);
        }
        if (isNaN(a) || isNaN(b)) {
            return isNaN(a) && isNaN(b);
        }
        if (a instanceof TemporalAccessor || b instanceof TemporalAccessor) {
            Object x = instant(a);
            Object y = instant(b);
            if (x != null && y != null) {
                return x.equals(y);
            }
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!alike(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return text(a).equals(text(b));
    }

    private boolean closeEnough(BigDecimal a, BigDecimal b) {
        if (a.compareTo(b) == 0) {
            return true;
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        double difference = Math.abs(x - y);
        return difference <= tolerance * Math.max(Math.abs(x), Math.abs(y)) || difference <= tolerance;
    }

    /** A number's exact value, or {@code null} for a non-number (and NaN or infinities). */
    static BigDecimal number(Object value) {
        if (value instanceof BigDecimal each) {
            return each;
        }
        if (value instanceof BigInteger each) {
            return new BigDecimal(each);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double each = ((Number) value).doubleValue();
            return Double.isFinite(each) ? new BigDecimal(each) : null;
        }
        return null;
    }

    private static boolean isNaN(Object value) {
        return value instanceof Double each && each.isNaN() || value instanceof Float each2 && each2.isNaN();
    }

    /** A date-time on a common scale: instants for zoned values, a zone-less value taken as UTC. */
    private static Object instant(Object value) {
        if (value instanceof OffsetDateTime each) {
            return each.toInstant();
        }
        if (value instanceof LocalDateTime each) {
            return each.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant each) {
            return each;
        }
        return value instanceof TemporalAccessor ? value : null;
    }

    /** A text form that sorts alike values together: numbers rounded to 12 significant digits. */
    private static String canonicalRow(Object[] row) {
        StringBuilder result = new StringBuilder();
        for (Object each : row) {
            result.append(canonical(each)).append('\u0001');
        }
        return result.toString();
    }

    private static String canonical(Object value) {
        if (value == null) {
            return "\u0000";
        }
        BigDecimal number = number(value);
        if (number != null) {
            return String.format(java.util.Locale.ROOT, "%+.11e", number.doubleValue());
        }
        Object instant = instant(value);
        return instant != null ? instant.toString() : text(value);
    }

    static String text(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder("\\x");
            for (byte each : bytes) {
                hex.append(String.format("%02x", each));
            }
            return hex.toString();
        }
        BigDecimal number = value instanceof Double || value instanceof Float ? null : number(value);
        if (number != null) {
            return number.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static String tagCount(String tag) {
        Matcher matcher = TAG_COUNT.matcher(tag.trim());
        String verb = tag.trim().split(" ")[0];
        return verb + (matcher.find() ? " " + matcher.group(1) : "");
    }
}
