package io.hatidata.api.controlplane;

/**
 * Which page to list: at most {@code limit} items (1–{@value #MAX_LIMIT}) after {@code cursor} (the
 * {@link Page#nextCursor()} of the previous page, or {@code null} for the first page).
 */
public record PageRequest(int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ControlPlaneException.invalid("limit", "range", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (cursor != null && cursor.isBlank()) {
            cursor = null;
        }
    }

    public static PageRequest first() {
        return new PageRequest(DEFAULT_LIMIT, null);
    }
}
