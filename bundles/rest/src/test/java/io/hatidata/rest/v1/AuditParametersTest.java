package io.hatidata.rest.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.audit.ExportFormat;
import io.hatidata.api.audit.QueryAuditFilter;
import io.hatidata.api.controlplane.ControlPlaneException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuditParametersTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final AuditParameters parameters = new AuditParameters(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void defaultsToTheLast24HoursAndTheWholeChainForExports() {
        QueryAuditFilter list = parameters.queries(null, null, null, null, null, null, null, false);
        assertEquals(NOW.minusSeconds(86_400), list.start());
        assertEquals(NOW, list.end());
        assertNull(list.cacheHit());
        assertEquals(Instant.EPOCH, parameters.queries(null, null, null, null, null, null, null, true).start());
    }

    @Test
    void readsDatesDateTimesBooleansAndDurations() {
        QueryAuditFilter filter = parameters.queries("2026-11-01", "2026-11-02T10:00:00+02:00", "usr_1", " ", "orders",
                "TRUE", "250", false);
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), filter.start());
        assertEquals(Instant.parse("2026-11-02T08:00:00Z"), filter.end());
        assertEquals("usr_1", filter.userId());
        assertNull(filter.agentId());
        assertEquals(Boolean.TRUE, filter.cacheHit());
        assertEquals(250L, filter.minDurationMs());
    }

    @Test
    void refusesMalformedValuesNamingTheField() {
        ControlPlaneException date = assertThrows(ControlPlaneException.class,
                () -> parameters.queries("yesterday", null, null, null, null, null, null, false));
        assertEquals("start_date", date.details().get("field"));
        assertThrows(ControlPlaneException.class, () -> parameters.queries(null, null, null, null, null, "yes", null, false));
        assertThrows(ControlPlaneException.class, () -> parameters.queries(null, null, null, null, null, null, "-1", false));
        assertThrows(ControlPlaneException.class, () -> AuditParameters.format("parquet"));
        assertEquals(ExportFormat.CSV, AuditParameters.format("CSV"));
        assertEquals(ExportFormat.JSONL, AuditParameters.format(null));
    }
}
