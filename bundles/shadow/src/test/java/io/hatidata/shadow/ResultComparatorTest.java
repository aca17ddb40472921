package io.hatidata.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultComparatorTest {
    private final ResultComparator comparator = new ResultComparator(1e-9);

    @Test
    void numbersCompareByValueWithinTheTolerance() {
        assertTrue(comparator.alike(3L, new BigDecimal("3.000")));
        assertTrue(comparator.alike(2.5, new BigDecimal("2.5000000000000000")));
        assertTrue(comparator.alike(0.1 + 0.2, 0.3));
        assertFalse(comparator.alike(3L, 3.5));
        assertFalse(comparator.alike(1.0, 1.001));
        assertTrue(new ResultComparator(0.01).alike(1.0, 1.001));
        assertTrue(comparator.alike(Double.NaN, Double.NaN));
        assertFalse(comparator.alike(Double.NaN, 1.0));
    }

    @Test
    void nullsEqualOnlyNulls() {
        assertTrue(comparator.alike(null, null));
        assertFalse(comparator.alike(null, 0L));
        assertFalse(comparator.alike("", null));
    }

    @Test
    void timeZonesAreNormalised() {
        OffsetDateTime utc = OffsetDateTime.of(2024, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        assertTrue(comparator.alike(utc, utc.withOffsetSameInstant(ZoneOffset.ofHours(5))));
        assertTrue(comparator.alike(LocalDateTime.of(2024, 3, 1, 12, 0), utc));
        assertFalse(comparator.alike(LocalDateTime.of(2024, 3, 1, 13, 0), utc));
    }

    @Test
    void rowOrderMattersOnlyWithOrderBy() {
        CapturedResult source = result(new Object[] {1L, "a"}, new Object[] {2L, "b"});
        CapturedResult hatidata = result(new Object[] {2L, "b"}, new Object[] {1L, "a"});
        assertEquals(Optional.empty(), comparator.difference(source, hatidata, false));
        assertTrue(comparator.difference(source, hatidata, true).orElseThrow().startsWith("row 1, column 1"));
    }

    @Test
    void reportsCountsTagsAndFailures() {
        assertEquals("row count: source 2, hatidata 1",
                comparator.difference(result(new Object[] {1L}, new Object[] {2L}), result(new Object[] {1L}), false).orElseThrow());
        CapturedResult inserted = new CapturedResult(10);
        inserted.complete("INSERT 0 3");
        CapturedResult alsoInserted = new CapturedResult(10);
        alsoInserted.complete("INSERT 0 3");
        assertEquals(Optional.empty(), comparator.difference(inserted, alsoInserted, false));
        CapturedResult failed = new CapturedResult(10);
        failed.failed("42883", "no such function");
        assertEquals("HatiData failed: 42883: no such function", comparator.difference(inserted, failed, false).orElseThrow());
    }

    private static CapturedResult result(Object[]... rows) {
        CapturedResult result = new CapturedResult(100);
        result.columns(List.of(new Column("a", ColumnType.INT8), new Column("b", ColumnType.TEXT)).subList(0, rows[0].length));
        for (Object[] each : rows) {
            result.row(each);
        }
        result.complete("SELECT " + rows.length);
        return result;
    }
}
