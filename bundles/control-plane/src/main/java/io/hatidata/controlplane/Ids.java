package io.hatidata.controlplane;

import java.security.SecureRandom;

/** Resource identifiers in the product's form: a type prefix and random lowercase alphanumerics. */
final class Ids {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {}

    /** For example {@code newId(random, "org_", 12)} gives {@code org_k3j9x0a1b2c3}. */
    static String newId(SecureRandom random, String prefix, int randomChars) {
        StringBuilder result = new StringBuilder(prefix.length() + randomChars).append(prefix);
        for (int i = 0; i < randomChars; i++) {
            result.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return result.toString();
    }
}
