package io.hatidata.sql.analysis;

import io.hatidata.api.sql.TableReference;
import io.hatidata.sql.parse.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The object a statement the parser could not read changes, read from its first tokens, so the
 * table-extraction stage can still name it: {@code DROP|ALTER|CREATE [OR REPLACE] [TEMP] TABLE|VIEW
 * [IF [NOT] EXISTS] name}, {@code TRUNCATE [TABLE] name}, {@code INSERT INTO name}, {@code COPY name},
 * {@code UPDATE [ONLY] name}, {@code DELETE FROM name}, {@code MERGE INTO name}, also after a leading
 * {@code WITH} clause (DuckDB runs {@code WITH … DELETE FROM t}). Such
 * an analysis stays {@linkplain io.hatidata.api.sql.StatementAnalysis#analyzed() unanalyzed}: what it
 * reads is unknown.
 */
public final class FallbackTargets {
    private static final Set<String> SKIPPED = Set.of(
            "OR", "REPLACE", "TEMP", "TEMPORARY", "TRANSIENT", "IF", "NOT", "EXISTS", "TABLE", "VIEW", "MATERIALIZED",
            "INTO", "ONLY", "SEQUENCE", "INDEX", "SCHEMA", "MACRO", "FUNCTION", "TYPE", "UNIQUE", "FROM", "IGNORE", "RECURSIVE");
    /** The first words of the statements whose written object is named next. */
    private static final Set<String> FIRST = Set.of("DROP", "ALTER", "CREATE", "TRUNCATE", "INSERT", "COPY", "UPDATE",
            "DELETE", "MERGE");

    private FallbackTargets() {}

    /** The written object, or an empty list when the statement names none that way. */
    public static List<TableReference> of(String sql) {
        List<Token> all = StatementKinds.significant(sql);
        int start = StatementKinds.statementStart(all);
        if (start < 0) {
            return List.of();
        }
        List<Token> tokens = all.subList(start, all.size());
        if (tokens.isEmpty() || !FIRST.contains(tokens.get(0).upper())) {
            return List.of();
        }
        int i = 1;
        while (i < tokens.size() && tokens.get(i).type() == Token.Type.WORD && SKIPPED.contains(tokens.get(i).upper())) {
            i++;
        }
        List<String> parts = new ArrayList<>();
        while (i < tokens.size() && (tokens.get(i).type() == Token.Type.WORD || tokens.get(i).type() == Token.Type.QUOTED)) {
            String text = tokens.get(i).text();
            parts.add(tokens.get(i).type() == Token.Type.QUOTED ? text.substring(1, text.length() - 1) : text);
            if (i + 1 < tokens.size() && tokens.get(i + 1).isSymbol(".")) {
                i += 2;
            } else {
                break;
            }
        }
        return parts.isEmpty() || parts.size() > 3 ? List.of() : List.of(new TableReference(parts));
    }
}
