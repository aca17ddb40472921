package io.hatidata.api.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeadingWordsTest {

    @Test
    void commentsBetweenTheWordsAreSkippedAsDuckDbSkipsThem() {
        assertEquals(List.of("CREATE", "VIEW", "V", "AS"), LeadingWords.of("/* a /* nested */ b */ create/**/view v as select 1", 4));
        assertEquals(List.of("DROP", "TABLE", "ORDERS"), LeadingWords.of("--\rDROP TABLE orders", 5));
        assertEquals(List.of("DELETE", "FROM", "T"), LeadingWords.of("  -- note\n DELETE FROM t WHERE x = 1", 3));
    }

    @Test
    void wordsEndAtTheFirstOtherCharacter() {
        assertEquals(List.of("SELECT"), LeadingWords.of("SELECT 'DROP' AS x", 5));
        assertEquals(List.of(), LeadingWords.of("(SELECT 1)", 5));
        assertEquals("", LeadingWords.first("/* never closed"));
        assertEquals("TRUNCATE", LeadingWords.first("truncate t"));
    }
}
