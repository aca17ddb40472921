package io.hatidata.api.provisioning;

import java.util.List;

/**
 * One side of a compared statement, as kept in a mismatch (bounded: the first rows only).
 *
 * @param columns the column labels
 * @param rows the first rows, values as JSON-friendly JDK types ({@link String}, {@link Number},
 *     {@link Boolean}, {@code null}); temporal values in ISO-8601 text
 * @param rowCount how many rows the side returned in all
 * @param commandTag the command tag, such as {@code SELECT 3}
 * @param error the error the side reported ({@code SQLSTATE: message}), or empty
 */
public record ShadowResult(List<String> columns, List<List<Object>> rows, long rowCount, String commandTag,
        String error) {
    public ShadowResult {
        columns = List.copyOf(columns);
        rows = rows.stream().map(each -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(each))).toList();
        commandTag = commandTag == null ? "" : commandTag;
        error = error == null ? "" : error;
    }
}
