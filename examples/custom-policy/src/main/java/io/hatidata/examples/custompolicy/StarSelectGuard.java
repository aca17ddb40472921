package io.hatidata.examples.custompolicy;

import io.hatidata.api.governance.PolicyDecision;
import io.hatidata.api.governance.PolicyEvaluator;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.sql.StatementAnalysis;
import io.hatidata.api.sql.StatementKind;
import io.hatidata.api.sql.TableReference;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Refuses queries that project {@code *} from the configured tables (every table when none is configured):
 * agents should ask for the columns they need. The pipeline's policy stage (order 400) calls every
 * {@link PolicyEvaluator}; a deny becomes {@code 42501 permission denied by policy select-star-guard: …}
 * on the wire and 422 {@code POLICY_VIOLATION} over REST.
 */
@Component(configurationPid = "io.hatidata.examples.custompolicy", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = PolicyEvaluator.class)
@Designate(ocd = StarSelectGuardConfig.class)
public final class StarSelectGuard implements PolicyEvaluator {
    static final String NAME = "select-star-guard";
    /** {@code SELECT *}, {@code SELECT DISTINCT *} or {@code alias.*}, outside string literals. */
    private static final Pattern STAR = Pattern.compile("(?is)\\bSELECT\\s+(DISTINCT\\s+)?\\*|[A-Za-z0-9_\"]\\s*\\.\\s*\\*");
    private static final Pattern LITERAL = Pattern.compile("'(?:[^']|'')*'");

    private final Set<String> tables;
    private final String reason;

    @Activate
    public StarSelectGuard(StarSelectGuardConfig config) {
        this.tables = Arrays.stream(config.tables().split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.reason = config.reason();
    }

    @Override
    public PolicyDecision evaluate(QueryContext context) {
        if (!(context.attributes().get(StatementAnalysis.ATTRIBUTE) instanceof StatementAnalysis analysis)
                || analysis.kind() != StatementKind.QUERY || analysis.tablesRead().isEmpty()) {
            return PolicyDecision.allow();
        }
        boolean governed = tables.isEmpty();
        for (TableReference each : analysis.tablesRead()) {
            governed |= tables.contains(each.name().toLowerCase(Locale.ROOT));
        }
        String code = LITERAL.matcher(context.sql()).replaceAll("''");
        if (governed && STAR.matcher(code).find()) {
            return PolicyDecision.deny(NAME, reason);
        }
        return PolicyDecision.allow();
    }
}
