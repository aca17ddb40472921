package io.hatidata.billing;

/** Reads the changed-row count from a PostgreSQL command tag ({@code INSERT 0 5}, {@code UPDATE 3}, {@code DELETE 2}, {@code MERGE 4}). */
final class CommandTags {
    private CommandTags() {}

    static long changedRows(String tag) {
        if (!(tag.startsWith("INSERT ") || tag.startsWith("UPDATE ") || tag.startsWith("DELETE ")
                || tag.startsWith("MERGE "))) {
            return 0;
        }
        int space = tag.lastIndexOf(' ');
        try {
            return Math.max(0, Long.parseLong(tag.substring(space + 1)));
        } catch (NumberFormatException ex) {
            return 0;
        }
    }
}
