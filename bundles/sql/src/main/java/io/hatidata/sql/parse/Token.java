package io.hatidata.sql.parse;

import java.util.Locale;

/**
 * One lexical token of a statement: its type and where it is in the source text.
 *
 * @param type what kind of token
 * @param text the token's text exactly as in the source
 * @param start the offset of its first character in the source
 */
public record Token(Type type, String text, int start) {

    /** Token types; enough to tell code from literals, comments and quoted names. */
    public enum Type {
        /** An unquoted word: keyword or identifier (may contain {@code $}). */
        WORD,
        /** A {@code "quoted"} identifier. */
        QUOTED,
        /** A {@code 'string'} or {@code $$string$$} literal. */
        STRING,
        /** A number. */
        NUMBER,
        /** A parameter {@code $1}. */
        PARAMETER,
        /** Punctuation or an operator, one to two characters ({@code ::}, {@code =>}, {@code <=} …). */
        SYMBOL,
        /** Spaces and comments. */
        SPACE
    }

    /** The end offset (exclusive) in the source. */
    public int end() {
        return start + text.length();
    }

    /** Whether this is the given word, ignoring case. */
    public boolean isWord(String word) {
        return type == Type.WORD && text.equalsIgnoreCase(word);
    }

    /** Whether this is the given symbol. */
    public boolean isSymbol(String symbol) {
        return type == Type.SYMBOL && text.equals(symbol);
    }

    /** The word in upper case (keyword comparison), or the text for other tokens. */
    public String upper() {
        return type == Type.WORD ? text.toUpperCase(Locale.ROOT) : text;
    }
}
