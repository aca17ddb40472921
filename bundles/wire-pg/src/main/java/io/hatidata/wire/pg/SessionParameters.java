package io.hatidata.wire.pg;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client-session parameters a connection can SET, RESET and SHOW without involving the engine: the
 * ones PostgreSQL drivers and tools set on connect, and the agent-identification parameters
 * ({@code agent_id}, {@code framework}, {@code request_id}, {@code priority}, with or without the
 * {@code hatidata_} prefix). Values are validated the way PostgreSQL validates them; sessions always run
 * in UTF-8, ISO dates, UTC and standard-conforming strings, so other values of those are refused.
 *
 * <p>Other parameters (for example {@code search_path}) are not handled here and go to the engine.
 */
final class SessionParameters {
    /** Parameters whose changes PostgreSQL reports to the client with ParameterStatus. */
    static final Set<String> REPORTED = Set.of("application_name", "client_encoding", "datestyle", "intervalstyle",
            "standard_conforming_strings", "timezone");
    private static final Map<String, String> CANONICAL_NAMES = Map.of(
            "datestyle", "DateStyle", "intervalstyle", "IntervalStyle", "timezone", "TimeZone");
    private static final Set<String> FREE_TEXT = Set.of("application_name", "statement_timeout", "lock_timeout",
            "idle_in_transaction_session_timeout", "idle_session_timeout", "client_min_messages", "bytea_output", "extra_float_digits",
            "agent_id", "framework", "request_id", "priority", "reasoning_step", "parent_request_id",
            "hatidata_agent_id", "hatidata_framework", "hatidata_request_id", "hatidata_priority",
            "hatidata_reasoning_step", "hatidata_parent_request_id");
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("client_encoding", "UTF8"),
            Map.entry("datestyle", "ISO, MDY"),
            Map.entry("intervalstyle", "postgres"),
            Map.entry("standard_conforming_strings", "on"),
            Map.entry("timezone", "UTC"),
            Map.entry("extra_float_digits", "1"),
            Map.entry("statement_timeout", "0"),
            Map.entry("bytea_output", "hex"),
            Map.entry("client_min_messages", "notice"),
            Map.entry("transaction_isolation", "repeatable read"),
            Map.entry("default_transaction_isolation", "repeatable read"));
    private static final int MAX_VALUE_LENGTH = 1024;
    /** One {@code -c name=value} (or {@code --name=value}) in the options parameter; {@code \ } escapes a space. */
    private static final Pattern OPTION = Pattern.compile("(?:-c\\s*|--)([A-Za-z_][A-Za-z0-9_.]*)=((?:\\\\ |\\S)*)");

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final Map<String, String> serverDefaults;

    SessionParameters() {
        this(Map.of());
    }

    /** @param serverDefaults defaults the server's configuration gives (RESET returns to them) */
    SessionParameters(Map<String, String> serverDefaults) {
        this.serverDefaults = Map.copyOf(serverDefaults);
    }

    /** Parameters a client may read but not change, with the values PostgreSQL 15 would show. */
    static final Map<String, String> READ_ONLY = Map.of("server_version", PgServer.SERVER_VERSION,
            "server_version_num", "150000", "server_encoding", "UTF8", "is_superuser", "off",
            "integer_datetimes", "on", "max_identifier_length", "63", "lc_collate", "C", "lc_ctype", "C");

    /** Transaction isolation levels a client may ask for; DuckDB runs every one as snapshot isolation. */
    static final List<String> ISOLATION_LEVELS = List.of("read uncommitted", "read committed", "repeatable read",
            "serializable");

    /** Whether this class handles the parameter. */
    static boolean handles(String name) {
        return FREE_TEXT.contains(name) || DEFAULTS.containsKey(name) || READ_ONLY.containsKey(name);
    }

    /** The name as PostgreSQL spells it in ParameterStatus and SHOW. */
    static String displayName(String name) {
        return CANONICAL_NAMES.getOrDefault(name, name);
    }

    /**
     * Takes the startup packet's parameters, ignoring those this class does not handle, including the
     * {@code -c name=value} settings inside the {@code options} parameter (how libpq and psycopg pass
     * {@code hatidata_agent_id} and friends).
     */
    void applyStartup(Map<String, String> startup) {
        for (Map.Entry<String, String> each : startup.entrySet()) {
            accept(each.getKey(), each.getValue());
        }
        String options = startup.get("options");
        if (options != null) {
            Matcher setting = OPTION.matcher(options);
            while (setting.find()) {
                accept(setting.group(1), setting.group(2).replace("\\ ", " "));
            }
        }
    }

    private void accept(String rawName, String value) {
        String name = rawName.toLowerCase(Locale.ROOT);
        if (handles(name) && !DEFAULTS.containsKey(name)) {
            values.put(name, truncate(value));
        }
    }

    /** Sets (or with an empty value resets) a parameter; returns the value now in effect. */
    String set(String name, String value) throws QueryException {
        if (READ_ONLY.containsKey(name)) {
            throw new QueryException(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                    "parameter \"" + name + "\" cannot be changed");
        }
        if (value.isEmpty()) {
            values.remove(name);
            return get(name);
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw invalid(name, value.substring(0, 32) + "…");
        }
        String accepted = switch (name) {
            case "client_encoding" -> oneOf(name, value, "UTF8", "UTF8", "UTF-8", "UNICODE");
            case "datestyle" -> value.toUpperCase(Locale.ROOT).contains("ISO") ? "ISO, MDY" : refuse(name, value);
            case "intervalstyle" -> oneOf(name, value, "postgres", "postgres");
            case "standard_conforming_strings" -> oneOf(name, value, "on", "on", "true", "1");
            case "timezone" -> oneOf(name, value, "UTC", "UTC", "GMT", "Etc/UTC", "Z", "+00", "+00:00", "0");
            case "extra_float_digits" -> integerIn(name, value, -15, 3);
            case "statement_timeout", "idle_session_timeout", "idle_in_transaction_session_timeout" ->
                    StatementTimer.isValid(value) ? value.trim() : refuse(name, value);
            case "transaction_isolation", "default_transaction_isolation" -> isolationLevel(name, value);
            default -> value;
        };
        values.put(name, accepted);
        return accepted;
    }

    /** The value in effect. */
    String get(String name) {
        if (READ_ONLY.containsKey(name)) {
            return READ_ONLY.get(name);
        }
        String value = values.get(name);
        if (value != null) {
            return value;
        }
        return serverDefaults.getOrDefault(name, DEFAULTS.getOrDefault(name, ""));
    }

    /** The parameters set so far, for the session's attributes. */
    Map<String, String> snapshot() {
        return Map.copyOf(values);
    }

    private static String oneOf(String name, String value, String canonical, String... accepted) throws QueryException {
        for (String each : accepted) {
            if (each.equalsIgnoreCase(value)) {
                return canonical;
            }
        }
        return refuse(name, value);
    }

    private static String integerIn(String name, String value, int min, int max) throws QueryException {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return Integer.toString(number);
            }
        } catch (NumberFormatException ex) {
            // refused below
        }
        return refuse(name, value);
    }

    private static String isolationLevel(String name, String value) throws QueryException {
        String level = value.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return ISOLATION_LEVELS.contains(level) ? level : refuse(name, value);
    }

    private static String refuse(String name, String value) throws QueryException {
        throw invalid(name, value);
    }

    private static QueryException invalid(String name, String value) {
        return new QueryException(SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + displayName(name) + "\": \"" + value + "\"");
    }

    private static String truncate(String value) {
        return value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) : value;
    }
}
