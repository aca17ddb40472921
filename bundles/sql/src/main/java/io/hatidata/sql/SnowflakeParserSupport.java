package io.hatidata.sql;

/** Small text helpers shared by the transpiler's steps. */
final class SnowflakeParserSupport {
    private SnowflakeParserSupport() {}

    /** The text without a final {@code ;} and the spaces around it. */
    static String withoutSemicolon(String sql) {
        String result = sql.stripTrailing();
        while (result.endsWith(";")) {
            result = result.substring(0, result.length() - 1).stripTrailing();
        }
        return result;
    }
}
