package io.hatidata.examples.statementguard;

import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
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

    static String firstKeyword(String sql) {
        String text = sql.stripLeading();
        int end = 0;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return text.substring(0, end).toUpperCase(Locale.ROOT);
    }
}
