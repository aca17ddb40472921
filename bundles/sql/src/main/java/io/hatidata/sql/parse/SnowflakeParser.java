package io.hatidata.sql.parse;

import io.hatidata.api.query.QueryException;
import java.util.List;
import java.util.Set;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Parses one Snowflake-dialect statement into Calcite's SQL tree: {@link SnowflakePreprocessor} first,
 * then Calcite's Babel parser with the {@code BABEL} conformance. Names keep the case they were written
 * in (DuckDB compares them case-insensitively anyway); double quotes quote identifiers.
 */
public final class SnowflakeParser {
    private static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(SqlBabelParserImpl.FACTORY)
            .withConformance(SqlConformanceEnum.BABEL)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false);

    /**
     * A parsed statement: the tree, the names that were quoted, whether preprocessing changed the text, and
     * how to find a node's start in the client's text.
     */
    public record Parsed(SqlNode node, Set<String> quotedNames, boolean preprocessed, String parsedText,
            SnowflakePreprocessor.MappedPositions positions) {

        /** The offset in the client's text where a node of the tree starts. */
        public int sourceOffset(SqlNode each) {
            SqlParserPos pos = each.getParserPosition();
            return positions.sourceOffset(offsetOf(parsedText, pos.getLineNum(), pos.getColumnNum()));
        }
    }

    /** The parser could not read the statement; the position is in the client's text, 1-based. */
    public static final class ParseFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;

        ParseFailure(String message, int line, int column, Throwable cause) {
            super(message, cause);
            this.line = line;
            this.column = column;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    private SnowflakeParser() {}

    /**
     * Parses one statement.
     *
     * @throws QueryException {@code 0A000} for a refused construct
     * @throws ParseFailure when the parser cannot read it
     */
    public static Parsed parse(String sql) throws QueryException, ParseFailure {
        SnowflakePreprocessor.Result rewritten = SnowflakePreprocessor.rewrite(stripTrailingSemicolon(sql));
        try {
            SqlNode node = SqlParser.create(rewritten.text(), CONFIG).parseStmt();
            return new Parsed(node, rewritten.quotedNames(), rewritten.changed(), rewritten.text(),
                    rewritten.positions());
        } catch (SqlParseException e) {
            SqlParserPos pos = e.getPos();
            int offset = pos == null ? 0 : offsetOf(rewritten.text(), pos.getLineNum(), pos.getColumnNum());
            int source = rewritten.positions().sourceOffset(offset);
            int line = 1;
            int column = 1;
            for (int i = 0; i < source && i < sql.length(); i++) {
                if (sql.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("syntax error");
            first = first.replaceAll(" at line \\d+, column \\d+\\.?", "");
            throw new ParseFailure(first, line, column, e);
        }
    }

    /**
     * Parses one expression (no pre-processing): the predicates of row filters.
     *
     * @throws ParseFailure when the parser cannot read it
     */
    public static SqlNode parseExpression(String expression) throws ParseFailure {
        try {
            return SqlParser.create(expression, CONFIG).parseExpression();
        } catch (SqlParseException e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("syntax error");
            SqlParserPos pos = e.getPos();
            throw new ParseFailure(first, pos == null ? 1 : pos.getLineNum(), pos == null ? 1 : pos.getColumnNum(), e);
        }
    }

    /** The statement without a final {@code ;} (and the spaces around it). */
    public static String stripTrailingSemicolon(String sql) {
        // semicolons at the end, with white space and comments after them (SELECT 1; -- done)
        List<Token> tokens = Tokenizer.tokenize(sql);
        int end = tokens.size();
        boolean semicolon = false;
        while (end > 0 && (tokens.get(end - 1).type() == Token.Type.SPACE || tokens.get(end - 1).isSymbol(";"))) {
            semicolon |= tokens.get(end - 1).isSymbol(";");
            end--;
        }
        if (!semicolon) {
            return sql.stripTrailing();
        }
        return end == 0 ? "" : sql.substring(0, tokens.get(end - 1).end()).stripTrailing();
    }

    static int offsetOf(String text, int line, int column) {
        int offset = 0;
        for (int current = 1; current < line && offset < text.length(); offset++) {
            if (text.charAt(offset) == '\n') {
                current++;
            }
        }
        return Math.max(0, offset + column - 1);
    }
}
