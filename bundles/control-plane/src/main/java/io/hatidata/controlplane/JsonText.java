package io.hatidata.controlplane;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flat JSON objects of access tokens and of the event log's data: written from string and number
 * members, and read back only where this product wrote them (a token whose signature proved it, a row of
 * the event log). Not a general JSON parser: nested
 * values, arrays, booleans and escapes other than the ones {@link #write} produces are refused.
 */
final class JsonText {
    private JsonText() {}

    /** A flat object of strings and longs. */
    static String write(Map<String, Object> members) {
        StringBuilder result = new StringBuilder("{");
        for (Map.Entry<String, Object> each : members.entrySet()) {
            if (result.length() > 1) {
                result.append(',');
            }
            quote(result, each.getKey());
            result.append(':');
            if (each.getValue() instanceof Number number) {
                result.append(number.longValue());
            } else {
                quote(result, String.valueOf(each.getValue()));
            }
        }
        return result.append('}').toString();
    }

    /** Reads what {@link #write} wrote: strings stay strings, numbers become longs. */
    static Map<String, Object> read(String text) {
        Map<String, Object> result = new LinkedHashMap<>();
        int[] position = {0};
        expect(text, position, '{');
        if (peek(text, position) == '}') {
            return result;
        }
        while (true) {
            String key = string(text, position);
            expect(text, position, ':');
            Object value = peek(text, position) == '"' ? string(text, position) : number(text, position);
            result.put(key, value);
            char next = text.charAt(position[0]++);
            if (next == '}') {
                if (position[0] != text.length()) {
                    throw new IllegalArgumentException("trailing text");
                }
                return result;
            }
            if (next != ',') {
                throw new IllegalArgumentException("expected , or }");
            }
        }
    }

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static char peek(String text, int[] position) {
        if (position[0] >= text.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return text.charAt(position[0]);
    }

    private static void expect(String text, int[] position, char c) {
        if (peek(text, position) != c) {
            throw new IllegalArgumentException("expected " + c);
        }
        position[0]++;
    }

    private static String string(String text, int[] position) {
        expect(text, position, '"');
        StringBuilder result = new StringBuilder();
        while (true) {
            char c = text.charAt(position[0]++);
            if (c == '"') {
                return result.toString();
            }
            if (c == '\\') {
                char escaped = text.charAt(position[0]++);
                if (escaped == 'u') {
                    result.append((char) Integer.parseInt(text.substring(position[0], position[0] + 4), 16));
                    position[0] += 4;
                } else if (escaped == '"' || escaped == '\\') {
                    result.append(escaped);
                } else {
                    throw new IllegalArgumentException("unsupported escape");
                }
            } else {
                result.append(c);
            }
        }
    }

    private static Long number(String text, int[] position) {
        int start = position[0];
        if (peek(text, position) == '-') {
            position[0]++;
        }
        while (position[0] < text.length() && Character.isDigit(text.charAt(position[0]))) {
            position[0]++;
        }
        return Long.parseLong(text.substring(start, position[0]));
    }
}
