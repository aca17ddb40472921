package io.hatidata.webhooks;

import java.util.Map;

/** Writes the JSON of event payloads: objects of strings, numbers, booleans, nulls and nested objects. */
final class Json {
    private Json() {}

    static String object(Map<String, ?> members) {
        StringBuilder result = new StringBuilder();
        write(result, members);
        return result.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> each : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, String.valueOf(each.getKey()));
                out.append(':');
                write(out, each.getValue());
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char each = text.charAt(i);
            switch (each) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (each < 0x20 || each == 0x2028 || each == 0x2029) {
                        out.append(String.format("\\u%04x", (int) each));
                    } else {
                        out.append(each);
                    }
                }
            }
        }
        out.append('"');
    }
}
