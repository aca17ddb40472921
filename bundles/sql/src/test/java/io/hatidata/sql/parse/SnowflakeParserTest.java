package io.hatidata.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SnowflakeParserTest {

    @Test
    void trailingSemicolonsGoWithTheSpaceAndCommentsAfterThem() {
        assertEquals("SELECT 1", SnowflakeParser.stripTrailingSemicolon("SELECT 1;"));
        assertEquals("SELECT 1", SnowflakeParser.stripTrailingSemicolon("SELECT 1 ; -- done\n"));
        assertEquals("SELECT 1", SnowflakeParser.stripTrailingSemicolon("SELECT 1 -- c\n;;  /* end */"));
        assertEquals("SELECT ';'", SnowflakeParser.stripTrailingSemicolon("SELECT ';'"));
        assertEquals("SELECT 1 -- no semicolon", SnowflakeParser.stripTrailingSemicolon("SELECT 1 -- no semicolon  "));
    }
}
