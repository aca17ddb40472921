package io.hatidata.webhooks;

import java.security.SecureRandom;

/** Identifiers and secrets: a prefix and random letters and digits. */
final class Ids {
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String MIXED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Characters after {@code whsec_}: 40 letters and digits, which are also valid base64 (30 bytes). */
    static final int SECRET_CHARS = 40;

    private Ids() {}

    static String webhookId(SecureRandom random) {
        return "wh_" + random(random, LOWER, 16);
    }

    /** {@code dlv_} + the creation time in base 36 (fixed width, so ids sort by creation) + 8 random characters. */
    static String deliveryId(SecureRandom random, long epochMillis) {
        String time = Long.toString(epochMillis, 36);
        return "dlv_" + "0".repeat(Math.max(0, 9 - time.length())) + time + random(random, LOWER, 8);
    }

    static String testEventId(SecureRandom random) {
        return "evt_test_" + random(random, LOWER, 16);
    }

    static String signingSecret(SecureRandom random) {
        return "whsec_" + random(random, MIXED, SECRET_CHARS);
    }

    private static String random(SecureRandom random, String alphabet, int count) {
        StringBuilder result = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            result.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return result.toString();
    }
}
