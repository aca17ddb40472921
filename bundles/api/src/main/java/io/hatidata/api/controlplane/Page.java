package io.hatidata.api.controlplane;

import java.util.List;

/**
 * One page of a list (SPEC §1.8.7).
 *
 * @param items the page's items
 * @param nextCursor the cursor of the next page ({@code cur_…}), or {@code null} on the last page
 * @param total how many items the whole list has
 */
public record Page<T>(List<T> items, String nextCursor, int total) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return nextCursor != null;
    }
}
