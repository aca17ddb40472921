package io.hatidata.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the audit bundle needs: writing strings, numbers, lists and objects (for the canonical
 * form, stored list columns and exports), and reading back the lists and objects it wrote itself. Not a
 * general JSON parser: it reads only what {@link #appendValue} produces.
 */
final class JsonText {
    private JsonText() {}

    static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char each = text.charAt(i);
            switch (each) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (each < 0x20) {
                        out.append(String.format("\\u%04x", (int) each));
                    } else {
                        out.append(each);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Appends a value: null, String, Number (integers as such, others via {@code toString}), Boolean, List, Map. */
    static void appendValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            appendString(out, text);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendValue(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                appendString(out, entry.getKey().toString());
                out.append(':');
                appendValue(out, entry.getValue());
            }
            out.append('}');
        } else {
            appendString(out, value.toString());
        }
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        appendValue(out, value);
        return out.toString();
    }

    /** Reads a value written by {@link #write}; empty or null text reads as {@code null}. */
    static Object read(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Reader reader = new Reader(text);
        Object result = reader.value();
        reader.skipSpace();
        if (reader.position != text.length()) {
            throw new IllegalArgumentException("trailing characters in JSON at " + reader.position);
        }
        return result;
    }

    /** A list of strings written by {@link #write}; empty for null. */
    static List<String> readStrings(String text) {
        List<String> result = new ArrayList<>();
        if (read(text) instanceof List<?> list) {
            for (Object each : list) {
                result.add(each == null ? "" : each.toString());
            }
        }
        return result;
    }

    /** A string map written by {@link #write}; empty for null. */
    static Map<String, String> readStringMap(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        if (read(text) instanceof Map<?, ?> map) {
            map.forEach((key, value) -> result.put(key.toString(), value == null ? "" : value.toString()));
        }
        return result;
    }

    private static final class Reader {
        private final String text;
        private int position;

        Reader(String text) {
            this.text = text;
        }

        Object value() {
            skipSpace();
            if (position >= text.length()) {
                throw new IllegalArgumentException("unexpected end of JSON");
            }
            char first = text.charAt(position);
            if (first == '"') {
                return string();
            }
            if (first == '[') {
                position++;
                List<Object> result = new ArrayList<>();
                skipSpace();
                if (peek(']')) {
                    return result;
                }
                do {
                    result.add(value());
                    skipSpace();
                } while (peek(','));
                expect(']');
                return result;
            }
            if (first == '{') {
                position++;
                Map<String, Object> result = new LinkedHashMap<>();
                skipSpace();
                if (peek('}')) {
                    return result;
                }
                do {
                    skipSpace();
                    String key = string();
                    skipSpace();
                    expect(':');
                    result.put(key, value());
                    skipSpace();
                } while (peek(','));
                expect('}');
                return result;
            }
            int start = position;
            while (position < text.length() && ",]} \n\r\t".indexOf(text.charAt(position)) < 0) {
                position++;
            }
            String word = text.substring(start, position);
            return switch (word) {
                case "null" -> null;
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> word.contains(".") || word.contains("e") || word.contains("E")
                        ? (Object) Double.valueOf(word) : (Object) Long.valueOf(word);
            };
        }

        private String string() {
            expect('"');
            StringBuilder result = new StringBuilder();
            while (true) {
                if (position >= text.length()) {
                    throw new IllegalArgumentException("unterminated JSON string");
                }
                char each = text.charAt(position++);
                if (each == '"') {
                    return result.toString();
                }
                if (each == '\\') {
                    char escaped = text.charAt(position++);
                    switch (escaped) {
                        case 'u' -> {
                            result.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                            position += 4;
                        }
                        case 'n' -> result.append('\n');
                        case 't' -> result.append('\t');
                        case 'r' -> result.append('\r');
                        case 'b' -> result.append('\b');
                        case 'f' -> result.append('\f');
                        default -> result.append(escaped);
                    }
                } else {
                    result.append(each);
                }
            }
        }

        private boolean peek(char expected) {
            if (position < text.length() && text.charAt(position) == expected) {
                position++;
                return true;
            }
            return false;
        }

        private void expect(char expected) {
            if (!peek(expected)) {
                throw new IllegalArgumentException("expected '" + expected + "' in JSON at " + position);
            }
        }

        void skipSpace() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }
    }
}
