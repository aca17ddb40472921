package io.hatidata.audit;

import io.hatidata.api.controlplane.ControlPlaneException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Audit list cursors: {@code cur_} and the base64url of the last position shown. */
final class Cursors {
    private Cursors() {}

    static String of(long sequence) {
        return "cur_" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Long.toString(sequence).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a page starts below; 0 for the first page. */
    static long after(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            if (!cursor.startsWith("cur_")) {
                throw new IllegalArgumentException("prefix");
            }
            long result = Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor.substring(4)),
                    StandardCharsets.UTF_8));
            if (result < 1) {
                throw new IllegalArgumentException("range");
            }
            return result;
        } catch (IllegalArgumentException ex) {
            throw ControlPlaneException.invalid("cursor", "format", "the cursor is not one this API returned");
        }
    }
}
