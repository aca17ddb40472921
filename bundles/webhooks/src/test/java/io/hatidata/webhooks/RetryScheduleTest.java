package io.hatidata.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void theDefaultScheduleRetriesFiveTimesWithGrowingDelaysThenGivesUp() {
        RetrySchedule schedule = RetrySchedule.parse("60,300,1800,7200,21600");
        assertEquals(Optional.of(Duration.ofMinutes(1)), schedule.delayAfter(1));
        assertEquals(Optional.of(Duration.ofMinutes(5)), schedule.delayAfter(2));
        assertEquals(Optional.of(Duration.ofMinutes(30)), schedule.delayAfter(3));
        assertEquals(Optional.of(Duration.ofHours(2)), schedule.delayAfter(4));
        assertEquals(Optional.of(Duration.ofHours(6)), schedule.delayAfter(5));
        assertTrue(schedule.delayAfter(6).isEmpty());
        assertEquals(6, schedule.maxAttempts());
    }

    @Test
    void aBlankScheduleMeansOneAttempt() {
        RetrySchedule schedule = RetrySchedule.parse(" ");
        assertTrue(schedule.delayAfter(1).isEmpty());
        assertEquals(1, schedule.maxAttempts());
    }

    @Test
    void badEntriesAreRefusedNamingTheSetting() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("60,soon"));
        assertTrue(refused.getMessage().startsWith("retryScheduleSeconds"));
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("86401"));
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("1,".repeat(21) + "1"));
    }
}
