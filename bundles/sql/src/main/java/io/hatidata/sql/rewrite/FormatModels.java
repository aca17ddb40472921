package io.hatidata.sql.rewrite;

import java.util.Locale;

/**
 * Snowflake date and time format models ({@code YYYY-MM-DD HH24:MI:SS.FF3}) as DuckDB
 * {@code strftime}/{@code strptime} formats ({@code %Y-%m-%d %H:%M:%S.%g}). Text in double quotes is
 * literal; an element DuckDB cannot express is refused.
 */
public final class FormatModels {
    private static final String[][] ELEMENTS = {
        {"YYYY", "%Y"}, {"YY", "%y"}, {"MMMM", "%B"}, {"MON", "%b"}, {"MM", "%m"}, {"DD", "%d"}, {"DY", "%a"},
        {"HH24", "%H"}, {"HH12", "%I"}, {"HH", "%I"}, {"MI", "%M"}, {"SS", "%S"}, {"FF9", "%n"}, {"FF6", "%f"},
        {"FF3", "%g"}, {"FF", "%n"}, {"AM", "%p"}, {"PM", "%p"}, {"TZH:TZM", "%z"}, {"TZHTZM", "%z"},
    };

    private FormatModels() {}

    /** Whether a format model is numeric ({@code 999,990.00}) rather than a date model. */
    public static boolean isNumeric(String model) {
        return model.matches("[0-9,.$SMIDGXLBVEF\\s]*") && model.matches(".*[09].*");
    }

    /** The DuckDB format for a Snowflake date and time format model. */
    public static String toStrftime(String model) {
        StringBuilder result = new StringBuilder();
        String upper = model.toUpperCase(Locale.ROOT);
        int i = 0;
        outer:
        while (i < model.length()) {
            char c = model.charAt(i);
            if (c == '"') {
                int end = model.indexOf('"', i + 1);
                end = end < 0 ? model.length() : end;
                result.append(model, i + 1, end);
                i = end + 1;
                continue;
            }
            for (String[] each : ELEMENTS) {
                if (upper.startsWith(each[0], i)) {
                    result.append(each[1]);
                    i += each[0].length();
                    continue outer;
                }
            }
            if (Character.isLetter(c)) {
                throw new RefusedConstruct("format model element " + model.substring(i));
            }
            result.append(c == '%' ? "%%" : String.valueOf(c));
            i++;
        }
        return result.toString();
    }
}
