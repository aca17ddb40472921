package io.hatidata.sql.rewrite;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * DuckDB expressions written as text with placeholders {@code _0}, {@code _1}, … for the arguments of
 * the Snowflake call they replace, such as {@code CASE WHEN _0 IS NOT NULL THEN _1 ELSE _2 END}. Each
 * template is parsed once; {@link #expand} substitutes the argument trees.
 */
public final class Templates {
    private static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(SqlBabelParserImpl.FACTORY)
            .withConformance(SqlConformanceEnum.BABEL)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED);
    private static final Map<String, SqlNode> PARSED = new ConcurrentHashMap<>();

    private Templates() {}

    /** The template with {@code _i} replaced by {@code args.get(i)}. */
    public static SqlNode expand(String template, List<SqlNode> args) {
        SqlNode parsed = PARSED.computeIfAbsent(template, Templates::parse);
        return parsed.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                if (id.isSimple() && id.getSimple().matches("_[0-9]+")) {
                    return args.get(Integer.parseInt(id.getSimple().substring(1)));
                }
                return id;
            }
        });
    }

    /** The template with {@code _i} replaced by {@code args[i]}. */
    public static SqlNode expand(String template, SqlNode... args) {
        return expand(template, List.of(args));
    }

    private static SqlNode parse(String template) {
        try {
            return SqlParser.create(template, CONFIG).parseExpression();
        } catch (SqlParseException e) {
            throw new IllegalStateException("bad template " + template, e);
        }
    }
}
