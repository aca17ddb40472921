package io.hatidata.webhooks;

import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** Cursor pagination in the API's form (SPEC §1.8.7): {@code cur_} + base64url of the last id of a page. */
final class Pages {
    private Pages() {}

    /** The id after which the page starts; empty for the first page. */
    static String after(PageRequest page) {
        if (page.cursor() == null) {
            return "";
        }
        try {
            if (!page.cursor().startsWith("cur_")) {
                throw new IllegalArgumentException("no cur_ prefix");
            }
            return new String(Base64.getUrlDecoder().decode(page.cursor().substring(4)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
            throw ControlPlaneException.invalid("cursor", "format", "the cursor is not one this API returned");
        }
    }

    /** A page from up to {@code limit + 1} rows ordered by id. */
    static <T> Page<T> of(List<T> rows, PageRequest page, int total, Function<T, String> id) {
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, null, total);
        }
        List<T> items = rows.subList(0, page.limit());
        String last = id.apply(items.get(items.size() - 1));
        return new Page<>(items, "cur_" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(last.getBytes(StandardCharsets.UTF_8)), total);
    }
}
