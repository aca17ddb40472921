package io.hatidata.policy.rls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row filter template such as {@code region = '{region}'} or {@code owner = {user_id}}: each placeholder,
 * with or without the quotes around it, becomes a {@code ?} whose value the rewriter renders as a literal.
 * A placeholder whose value is missing makes the whole filter {@code 1 = 0}: no rows.
 */
final class FilterTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("'\\{([A-Za-z_][A-Za-z0-9_.]*)\\}'|\\{([A-Za-z_][A-Za-z0-9_.]*)\\}");
    static final String NO_ROWS = "1 = 0";

    /** A predicate with {@code ?} marks and their values. */
    record Bound(String predicate, List<Object> values) {}

    private FilterTemplate() {}

    static Bound bind(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder predicate = new StringBuilder();
        List<Object> bound = new ArrayList<>();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            Optional<String> value = Optional.ofNullable(values.get(name));
            if (value.isEmpty()) {
                return new Bound(NO_ROWS, List.of());
            }
            matcher.appendReplacement(predicate, "?");
            bound.add(value.get());
        }
        matcher.appendTail(predicate);
        return new Bound(predicate.toString(), bound);
    }
}
