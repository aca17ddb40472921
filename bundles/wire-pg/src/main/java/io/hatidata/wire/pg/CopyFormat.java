package io.hatidata.wire.pg;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of a COPY and the row syntax they define, PostgreSQL's {@code text} format (tab-separated,
 * {@code \N} for NULL, backslash escapes) and {@code csv} (comma-separated, quoted fields, unquoted empty
 * for NULL). {@code binary} is refused with {@code 0A000}.
 *
 * @param csv CSV rather than text
 * @param delimiter the field separator
 * @param nullString what stands for NULL
 * @param header CSV only: the first line names the columns
 * @param quote CSV only: the quote character
 * @param escape CSV only: the character that escapes a quote inside quotes
 */
record CopyFormat(boolean csv, char delimiter, String nullString, boolean header, char quote, char escape) {

    static final CopyFormat TEXT = new CopyFormat(false, '\t', "\\N", false, '"', '"');

    private static final Pattern OPTION = Pattern.compile("(?is)\\s*([A-Za-z_]+)(?:\\s+(.*?))?\\s*");
    private static final Pattern LEGACY = Pattern.compile(
            "(?is)\\s*(BINARY|CSV|HEADER|DELIMITER|NULL|QUOTE|ESCAPE)(?:\\s+(?:AS\\s+)?('(?:[^']|'')*'))?");

    /** Parses what follows {@code FROM STDIN} / {@code TO STDOUT}. */
    static CopyFormat parse(String options) throws QueryException {
        String text = options.trim();
        if (text.regionMatches(true, 0, "WITH", 0, 4)) {
            text = text.substring(4).trim();
        }
        Builder builder = new Builder();
        if (text.startsWith("(") && text.endsWith(")")) {
            for (String each : splitOptions(text.substring(1, text.length() - 1))) {
                Matcher option = OPTION.matcher(each);
                if (!option.matches()) {
                    throw syntax(each);
                }
                builder.option(option.group(1).toLowerCase(Locale.ROOT),
                        option.group(2) == null ? "" : SetCommand.unquote(option.group(2)));
            }
        } else {
            Matcher legacy = LEGACY.matcher(text);
            int at = 0;
            while (at < text.length()) {
                legacy.region(at, text.length());
                if (!legacy.lookingAt()) {
                    throw syntax(text.substring(at));
                }
                String name = legacy.group(1).toLowerCase(Locale.ROOT);
                builder.option(name.equals("csv") || name.equals("binary") ? "format" : name,
                        name.equals("csv") || name.equals("binary") ? name
                                : legacy.group(2) == null ? "" : SetCommand.unquote(legacy.group(2)));
                at = legacy.end();
            }
        }
        return builder.build();
    }

    /** One row as the format writes it, without the line end. */
    String encodeRow(String[] values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(delimiter);
            }
            String value = values[i];
            if (value == null) {
                line.append(nullString);
            } else if (csv) {
                appendCsv(line, value);
            } else {
                appendText(line, value);
            }
        }
        return line.toString();
    }

    /**
     * Splits one line of input into its fields, {@code null} for NULL.
     *
     * @throws QueryException {@code 22P04} when the line is malformed
     */
    List<String> decodeRow(String line) throws QueryException {
        return csv ? decodeCsv(line) : decodeText(line);
    }

    private void appendText(StringBuilder line, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c == delimiter) {
                        line.append('\\');
                    }
                    line.append(c);
                }
            }
        }
    }

    private void appendCsv(StringBuilder line, String value) {
        boolean quoted = value.isEmpty() || value.equals(nullString) || value.indexOf(delimiter) >= 0
                || value.indexOf(quote) >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        if (!quoted) {
            line.append(value);
            return;
        }
        line.append(quote);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == quote || c == escape) {
                line.append(escape);
            }
            line.append(c);
        }
        line.append(quote);
    }

    private List<String> decodeText(String line) throws QueryException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == delimiter) {
                // NULL is recognised on the field as written, before escapes are resolved
                fields.add(line.substring(start, i).equals(nullString) ? null : field.toString());
                field.setLength(0);
                start = i + 1;
                continue;
            }
            char c = line.charAt(i);
            if (c != '\\') {
                field.append(c);
                continue;
            }
            if (++i >= line.length()) {
                throw badFormat("end-of-copy marker corrupt");
            }
            char escaped = line.charAt(i);
            switch (escaped) {
                case 'b' -> field.append('\b');
                case 'f' -> field.append('\f');
                case 'n' -> field.append('\n');
                case 'r' -> field.append('\r');
                case 't' -> field.append('\t');
                case 'v' -> field.append('\u000b');
                case 'N' -> field.append("\\N");
                case 'x' -> i = appendNumber(line, i + 1, 16, 2, field) - 1;
                default -> {
                    if (escaped >= '0' && escaped <= '7') {
                        i = appendNumber(line, i, 8, 3, field) - 1;
                    } else {
                        field.append(escaped);
                    }
                }
            }
        }
        return fields;
    }

    private static int appendNumber(String line, int from, int radix, int maxDigits, StringBuilder field)
            throws QueryException {
        int end = from;
        while (end < line.length() && end - from < maxDigits && Character.digit(line.charAt(end), radix) >= 0) {
            end++;
        }
        if (end == from) {
            field.append('x');
            return end;
        }
        field.append((char) Integer.parseInt(line.substring(from, end), radix));
        return end;
    }

    private List<String> decodeCsv(String line) throws QueryException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            boolean quoted = false;
            field.setLength(0);
            if (i < line.length() && line.charAt(i) == quote) {
                quoted = true;
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw badFormat("unterminated CSV quoted field");
                    }
                    char c = line.charAt(i);
                    if (c == escape && i + 1 < line.length() && line.charAt(i + 1) == quote) {
                        field.append(quote);
                        i += 2;
                    } else if (c == quote) {
                        i++;
                        break;
                    } else {
                        field.append(c);
                        i++;
                    }
                }
                if (i < line.length() && line.charAt(i) != delimiter) {
                    throw badFormat("unexpected character after a quoted CSV field");
                }
            } else {
                while (i < line.length() && line.charAt(i) != delimiter) {
                    field.append(line.charAt(i++));
                }
            }
            String value = field.toString();
            fields.add(!quoted && value.equals(nullString) ? null : value);
            if (i >= line.length()) {
                return fields;
            }
            i++;
        }
    }

    /** Whether {@code text} ends inside a quoted CSV field, so the row goes on after the line break. */
    boolean insideQuotes(CharSequence text) {
        if (!csv) {
            return false;
        }
        boolean inside = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inside && c == escape && escape != quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                i++;
            } else if (c == quote) {
                inside = !inside;
            }
        }
        return inside;
    }

    static QueryException badFormat(String message) {
        return new QueryException("22P04", message);
    }

    private static QueryException syntax(String option) {
        return new QueryException(SqlState.SYNTAX_ERROR, "invalid COPY option: " + option.trim());
    }

    private static List<String> splitOptions(String text) {
        List<String> options = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                options.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            options.add(current.toString());
        }
        return options;
    }

    private static final class Builder {
        private boolean csv;
        private Character delimiter;
        private String nullString;
        private boolean header;
        private Character quote;
        private Character escape;

        void option(String name, String value) throws QueryException {
            switch (name) {
                case "format" -> {
                    switch (value.toLowerCase(Locale.ROOT)) {
                        case "text" -> csv = false;
                        case "csv" -> csv = true;
                        case "binary" -> throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED,
                                "COPY in binary format is not supported; use text or csv");
                        default -> throw new QueryException(SqlState.INVALID_PARAMETER_VALUE,
                                "COPY format \"" + value + "\" not recognized");
                    }
                }
                case "delimiter" -> delimiter = single(name, value);
                case "null" -> nullString = value;
                case "header" -> header = value.isEmpty() || value.equalsIgnoreCase("true")
                        || value.equalsIgnoreCase("on") || value.equals("1");
                case "quote" -> quote = single(name, value);
                case "escape" -> escape = single(name, value);
                case "freeze" -> {
                    // a PostgreSQL storage hint (pgbench -i sends it); DuckDB has nothing to freeze
                }
                case "encoding" -> {
                    if (!value.equalsIgnoreCase("utf8") && !value.equalsIgnoreCase("utf-8")) {
                        throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED, "COPY supports only UTF8");
                    }
                }
                default -> throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED,
                        "COPY option \"" + name + "\" is not supported");
            }
        }

        CopyFormat build() throws QueryException {
            if (header && !csv) {
                throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED, "COPY HEADER available only in CSV mode");
            }
            char quoteChar = quote == null ? '"' : quote;
            return new CopyFormat(csv, delimiter == null ? (csv ? ',' : '\t') : delimiter,
                    nullString == null ? (csv ? "" : "\\N") : nullString, header, quoteChar,
                    escape == null ? quoteChar : escape);
        }

        private static char single(String name, String value) throws QueryException {
            if (value.length() != 1 || value.charAt(0) == '\n' || value.charAt(0) == '\r') {
                throw new QueryException(SqlState.FEATURE_NOT_SUPPORTED,
                        "COPY " + name + " must be a single one-byte character");
            }
            return value.charAt(0);
        }
    }
}
