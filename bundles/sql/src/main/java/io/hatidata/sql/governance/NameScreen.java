package io.hatidata.sql.governance;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.sql.GovernedTable;
import io.hatidata.sql.parse.SnowflakeParser;
import io.hatidata.sql.parse.SnowflakePreprocessor;
import java.util.List;

/**
 * The rewriter's fast path: a textual proof that a statement cannot name any governed table, so it comes
 * back unchanged without being parsed ({@code SELECT 1}, statements over other tables).
 *
 * <p>Why it is safe: the rewriter changes or refuses a statement only when an identifier part equals a
 * governed table's name ignoring case ({@link GovernedNames}, {@link String#equalsIgnoreCase}), or when it
 * calls a dynamic-SQL function ({@code query}, {@code query_table}). Every identifier the parser produces
 * is spelled in the text it parses, which is the client's text after {@link SnowflakePreprocessor} (that
 * inserts a few names of its own), except where an escape spells it differently. So the statement passes
 * only when, in both the client's text and the pre-processed text:
 * <ul>
 *   <li>no governed name and not the word {@code query} occurs anywhere, as a substring, ignoring case
 *       (inside literals and comments too: over-matching only costs the full path);</li>
 *   <li>there is no {@code &} (Calcite's {@code U&"\0041"} unicode-escaped identifiers);</li>
 * </ul>
 * and every governed name is plain ASCII without {@code "} (a doubled {@code ""} inside a quoted identifier
 * is the one identifier escape). Case is folded per character the way {@code equalsIgnoreCase} compares
 * (upper, then lower case), so non-ASCII letters that fold to ASCII ones (the Kelvin sign, the long s,
 * the dotless i) count as the ASCII letter. The string-escape forms ({@code '\x6b'}, {@code $$…$$}) are
 * literals, never identifiers, and are unescaped by the pre-processor before the second check anyway.
 * Anything else goes the full way (parse, rewrite, verify).
 */
final class NameScreen {
    /** Words of the dynamic-SQL functions, as substrings: {@code query}, {@code query_table}, {@code json_execute_serialized_sql}. */
    private static final List<String> DYNAMIC_SQL = List.of("query", "serialized_sql");

    private NameScreen() {}

    /** Whether the statement certainly references none of the tables (and runs no dynamic SQL). */
    static boolean cannotReference(String sql, List<GovernedTable> tables) {
        String[] names = new String[tables.size()];
        for (int i = 0; i < names.length; i++) {
            String name = tables.get(i).table().name();
            if (name.isEmpty() || name.indexOf('"') >= 0 || !ascii(name)) {
                return false;
            }
            names[i] = fold(name);
        }
        if (mentions(sql, names)) {
            return false;
        }
        String preprocessed;
        try {
            preprocessed = SnowflakePreprocessor.rewrite(SnowflakeParser.stripTrailingSemicolon(sql)).text();
        } catch (QueryException | RuntimeException refusedOrUnreadable) {
            return false;
        }
        return !mentions(preprocessed, names);
    }

    /** Whether the text has an {@code &}, the word {@code query} or one of the (folded) names. */
    private static boolean mentions(String text, String[] names) {
        if (text.indexOf('&') >= 0) {
            return true;
        }
        String folded = fold(text);
        for (String each : DYNAMIC_SQL) {
            if (folded.contains(each)) {
                return true;
            }
        }
        for (String each : names) {
            if (folded.contains(each)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case as {@code equalsIgnoreCase} sees it: each char's lower case of its upper case. */
    static String fold(String text) {
        char[] result = new char[text.length()];
        for (int i = 0; i < result.length; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                result[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            } else {
                result[i] = Character.toLowerCase(Character.toUpperCase(c));
            }
        }
        return new String(result);
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }
}
