package io.hatidata.sql.parse;

import java.util.Arrays;

/**
 * Text built from pieces of a source text, remembering for every character the source offset it came
 * from, so a parser position in the built text can be reported in the client's text.
 */
final class MappedText {
    private final StringBuilder text = new StringBuilder();
    private int[] sourceOffsets = new int[64];

    /** Appends a piece that stands for the source text at {@code sourceOffset}. */
    MappedText append(String piece, int sourceOffset) {
        int needed = text.length() + piece.length();
        if (needed > sourceOffsets.length) {
            sourceOffsets = Arrays.copyOf(sourceOffsets, Math.max(needed, sourceOffsets.length * 2));
        }
        for (int i = 0; i < piece.length(); i++) {
            sourceOffsets[text.length() + i] = sourceOffset;
        }
        text.append(piece);
        return this;
    }

    /** Appends a piece copied verbatim from the source at {@code sourceOffset}. */
    MappedText copy(String piece, int sourceOffset) {
        int needed = text.length() + piece.length();
        if (needed > sourceOffsets.length) {
            sourceOffsets = Arrays.copyOf(sourceOffsets, Math.max(needed, sourceOffsets.length * 2));
        }
        for (int i = 0; i < piece.length(); i++) {
            sourceOffsets[text.length() + i] = sourceOffset + i;
        }
        text.append(piece);
        return this;
    }

    int length() {
        return text.length();
    }

    /** Inserts a piece at an earlier index of the built text (for wrapping an operand). */
    void insert(int index, String piece, int sourceOffset) {
        int[] shifted = new int[Math.max(text.length() + piece.length(), sourceOffsets.length)];
        System.arraycopy(sourceOffsets, 0, shifted, 0, index);
        Arrays.fill(shifted, index, index + piece.length(), sourceOffset);
        System.arraycopy(sourceOffsets, index, shifted, index + piece.length(), text.length() - index);
        sourceOffsets = shifted;
        text.insert(index, piece);
    }

    /** The source offset of a character of the built text (the end of the source for positions past it). */
    int sourceOffset(int index, int sourceLength) {
        if (index < 0) {
            return 0;
        }
        return index < text.length() ? sourceOffsets[index] : sourceLength;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
