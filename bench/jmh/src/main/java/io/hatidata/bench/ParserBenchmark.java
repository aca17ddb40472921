package io.hatidata.bench;

import io.hatidata.api.query.QueryException;
import io.hatidata.sql.parse.SnowflakeParser;
import io.hatidata.sql.parse.SnowflakeParser.ParseFailure;
import io.hatidata.sql.parse.SnowflakeParser.Parsed;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the cold cost goes: the parse step alone, to set against {@link TranspilerBenchmark#cold}.
 *
 * <ul>
 *   <li>{@code snowflakeParse}: {@link SnowflakeParser#parse}, the transpiler's first step (token
 *       pre-processor, then Calcite's Babel parser).
 *   <li>{@code babelParse}: Calcite's Babel parser alone on the pre-processed text, configured as the
 *       transpiler configures it (BABEL conformance, double quotes, names keep their case).
 * </ul>
 *
 * {@code cold − snowflakeParse} is the analysis (tables, lineage), the four rewrite shuttles and the DuckDB
 * unparse; {@code snowflakeParse − babelParse} is the pre-processor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ParserBenchmark {
    private static final SqlParser.Config BABEL = SqlParser.config()
            .withParserFactory(SqlBabelParserImpl.FACTORY)
            .withConformance(SqlConformanceEnum.BABEL)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false);

    @Param({"small", "tpch_q1", "tpch_q5"})
    public String query;

    private String sql;
    private String preprocessed;

    @Setup(Level.Trial)
    public void setUp() throws QueryException, ParseFailure {
        sql = Queries.named(query);
        preprocessed = SnowflakeParser.parse(sql).parsedText();
    }

    @Benchmark
    public Parsed snowflakeParse() throws QueryException, ParseFailure {
        return SnowflakeParser.parse(sql);
    }

    @Benchmark
    public SqlNode babelParse() throws SqlParseException {
        return SqlParser.create(preprocessed, BABEL).parseStmt();
    }
}
