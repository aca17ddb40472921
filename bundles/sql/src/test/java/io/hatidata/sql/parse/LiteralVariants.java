package io.hatidata.sql.parse;

/** Test statements that differ from a fixture only in the values of its free literals. */
public final class LiteralVariants {
    private LiteralVariants() {}

    /** The statement with its free integers increased and its free strings extended by the variant number. */
    public static String variant(String sql, int variant) {
        String stripped = sql.strip();
        LiteralShape shape = LiteralShape.of(stripped);
        if (shape == null) {
            return stripped;
        }
        StringBuilder result = new StringBuilder();
        int copied = 0;
        for (Token literal : shape.literals()) {
            result.append(stripped, copied, literal.start());
            if (literal.type() == Token.Type.NUMBER) {
                result.append(Long.parseLong(literal.text()) + variant);
            } else {
                String text = literal.text();
                result.append(text, 0, text.length() - 1).append("v").append(variant).append('\'');
            }
            copied = literal.end();
        }
        return result.append(stripped.substring(copied)).toString();
    }
}
