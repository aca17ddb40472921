package io.hatidata.controlplane;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The API-key format: {@code hd_live_} or {@code hd_test_} followed by 32 random alphanumerics, or
 * {@code hd_agent_} followed by 31, always 40 characters. The first 12 characters are the display prefix,
 * stored in clear and indexed to find the key's hash.
 */
final class ApiKeys {
    static final int LENGTH = 40;
    static final int PREFIX_LENGTH = 12;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern FORMAT = Pattern.compile("hd_(?:live|test)_[A-Za-z0-9]{32}|hd_agent_[A-Za-z0-9]{31}");

    private ApiKeys() {}

    /** Whether the text has the shape of an API key (says nothing about whether the key exists). */
    static boolean isWellFormed(String text) {
        return text != null && text.length() == LENGTH && FORMAT.matcher(text).matches();
    }

    /** A new random live key. */
    static String newLiveKey(SecureRandom random) {
        return newKey(random, "hd_live_");
    }

    /** A new random key with the prefix {@code hd_live_}, {@code hd_test_} or {@code hd_agent_}. */
    static String newKey(SecureRandom random, String prefix) {
        StringBuilder result = new StringBuilder(LENGTH).append(prefix);
        while (result.length() < LENGTH) {
            result.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return result.toString();
    }

    /** The display and lookup prefix of a well-formed key. */
    static String prefix(String key) {
        return key.substring(0, PREFIX_LENGTH);
    }
}
