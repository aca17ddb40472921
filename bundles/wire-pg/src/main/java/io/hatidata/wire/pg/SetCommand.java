package io.hatidata.wire.pg;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code SET}, {@code RESET} or {@code SHOW} of one run-time parameter, as clients send them right
 * after connecting ({@code SET application_name = 'PostgreSQL JDBC Driver'}, {@code SET extra_float_digits
 * = 3}, {@code SET TimeZone TO 'UTC'}, …).
 *
 * @param kind what the statement does
 * @param name the parameter name, lower-cased
 * @param value the new value with quotes removed; empty for RESET, SHOW and {@code SET … TO DEFAULT}
 */
record SetCommand(Kind kind, String name, String value) {

    enum Kind { SET, RESET, SHOW }

    private static final Pattern SET = Pattern.compile(
            "(?is)\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*(?:=|\\s+TO\\s+)\\s*(.*?)\\s*;?\\s*");
    private static final Pattern SET_TIME_ZONE =
            Pattern.compile("(?is)\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?TIME\\s+ZONE\\s+(.*?)\\s*;?\\s*");
    private static final Pattern SET_ISOLATION = Pattern.compile(
            "(?is)\\s*SET\\s+(SESSION\\s+CHARACTERISTICS\\s+AS\\s+)?TRANSACTION\\s+ISOLATION\\s+LEVEL\\s+(.*?)\\s*;?\\s*");
    private static final Pattern SHOW_ISOLATION =
            Pattern.compile("(?is)\\s*SHOW\\s+TRANSACTION\\s+ISOLATION\\s+LEVEL\\s*;?\\s*");
    private static final Pattern RESET = Pattern.compile("(?is)\\s*RESET\\s+([A-Za-z_][A-Za-z0-9_.]*)\\s*;?\\s*");
    private static final Pattern SHOW = Pattern.compile("(?is)\\s*SHOW\\s+([A-Za-z_][A-Za-z0-9_.]*)\\s*;?\\s*");

    /** The command, when the statement is a SET, RESET or SHOW of a single parameter. */
    static Optional<SetCommand> parse(String statement) {
        Matcher matcher = SET_TIME_ZONE.matcher(statement);
        if (matcher.matches()) {
            return Optional.of(new SetCommand(Kind.SET, "timezone", unquote(matcher.group(1))));
        }
        matcher = SET_ISOLATION.matcher(statement);
        if (matcher.matches()) {
            String name = matcher.group(1) == null ? "transaction_isolation" : "default_transaction_isolation";
            return Optional.of(new SetCommand(Kind.SET, name, matcher.group(2)));
        }
        if (SHOW_ISOLATION.matcher(statement).matches()) {
            return Optional.of(new SetCommand(Kind.SHOW, "transaction_isolation", ""));
        }
        matcher = SET.matcher(statement);
        if (matcher.matches()) {
            String value = unquote(matcher.group(2));
            return Optional.of(new SetCommand(Kind.SET, lower(matcher.group(1)),
                    value.equalsIgnoreCase("DEFAULT") ? "" : value));
        }
        matcher = RESET.matcher(statement);
        if (matcher.matches()) {
            return Optional.of(new SetCommand(Kind.RESET, lower(matcher.group(1)), ""));
        }
        matcher = SHOW.matcher(statement);
        if (matcher.matches()) {
            return Optional.of(new SetCommand(Kind.SHOW, lower(matcher.group(1)), ""));
        }
        return Optional.empty();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Removes one level of single or double quotes ('' inside single quotes is a quote). */
    static String unquote(String value) {
        String text = value.trim();
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            return text.substring(1, text.length() - 1).replace("''", "'");
        }
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
