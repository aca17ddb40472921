package io.hatidata.examples.statementguard;

import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.sql.SqlLexing;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Refuses statements whose first keyword is in {@code deniedKeywords}, before they reach the engine.
 *
 * <p>The whole contract of a custom stage is visible here: register a {@link QueryStage} service with an
 * {@link QueryStage#ORDER} property; call {@code chain.proceed} to let the statement continue, or throw a
 * {@link QueryException} with the SQLSTATE the client should see.
 */
@Component(
        configurationPid = "io.hatidata.examples.statementguard",
        service = QueryStage.class,
        property = {QueryStage.ORDER + ":Integer=450", QueryStage.NAME + "=statement-guard"})
@Designate(ocd = StatementGuardConfig.class)
public final class StatementGuardStage implements QueryStage {
    private volatile Set<String> deniedKeywords;

    @Activate
    public StatementGuardStage(StatementGuardConfig config) {
        modified(config);
    }

    @Modified
    void modified(StatementGuardConfig config) {
        deniedKeywords = Arrays.stream(config.deniedKeywords().split(","))
                .map(each -> each.trim().toUpperCase(Locale.ROOT))
                .filter(each -> !each.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        String keyword = firstKeyword(context.sql());
        if (deniedKeywords.contains(keyword)) {
            throw new QueryException(SqlState.INSUFFICIENT_PRIVILEGE,
                    keyword + " statements are not allowed by the statement-guard policy");
        }
        chain.proceed(context);
    }

    /**
     * The statement's first keyword, after whitespace, opening parentheses and comments, read by DuckDB's
     * rules ({@link SqlLexing}: {@code --} to a line feed or carriage return, nested {@code /* … *}{@code /}),
     * so that a comment cannot hide a denied keyword. An unterminated comment yields an empty keyword, which the engine then rejects.
     */
    static String firstKeyword(String sql) {
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (SqlLexing.isSpace(c) || Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                i = SqlLexing.endOfLineComment(sql, i + 2);
            } else if (sql.startsWith("/*", i)) {
                i = SqlLexing.endOfBlockComment(sql, i + 2);
            } else {
                break;
            }
        }
        int end = i;
        while (end < length && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(i, end).toUpperCase(Locale.ROOT);
    }
}
