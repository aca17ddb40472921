package io.hatidata.controlplane;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the first start of an empty store creates, read from the environment: the owner's e-mail
 * ({@value #EMAIL}, default {@code admin@localhost}), and optionally a fixed owner API key
 * ({@value #API_KEY}) and login password ({@value #PASSWORD}) for automation. The secrets are validated
 * here and never appear in a message.
 */
record BootstrapSettings(String email, Optional<String> apiKey, Optional<String> password) {
    static final String EMAIL = "HATIDATA_BOOTSTRAP_EMAIL";
    static final String API_KEY = "HATIDATA_BOOTSTRAP_API_KEY";
    static final String PASSWORD = "HATIDATA_BOOTSTRAP_PASSWORD";
    static final String DEFAULT_EMAIL = "admin@localhost";
    static final int MIN_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH;
    static final int MAX_PASSWORD_LENGTH = PasswordPolicy.MAX_LENGTH;
    private static final Pattern EMAIL_FORMAT = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    @Override
    public String toString() {
        return "BootstrapSettings[email=" + email + ", apiKey=" + apiKey.map(k -> "<set>").orElse("<generate>")
                + ", password=" + password.map(k -> "<set>").orElse("<generate>") + "]";
    }

    /**
     * Reads and validates the settings.
     *
     * @throws IllegalArgumentException naming the variable that is wrong and why, never its value when
     *     it is a secret
     */
    static BootstrapSettings fromEnvironment(Map<String, String> environment) {
        String email = blankToNull(environment.get(EMAIL));
        if (email == null) {
            email = DEFAULT_EMAIL;
        } else if (!EMAIL_FORMAT.matcher(email).matches()) {
            throw new IllegalArgumentException(EMAIL + " is not an e-mail address: " + email);
        }
        String apiKey = blankToNull(environment.get(API_KEY));
        if (apiKey != null && !(ApiKeys.isWellFormed(apiKey) && apiKey.startsWith("hd_live_"))) {
            throw new IllegalArgumentException(API_KEY + " must be hd_live_ followed by 32 letters or digits"
                    + " (40 characters in all)");
        }
        String password = blankToNull(environment.get(PASSWORD));
        if (password != null
                && (password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH)) {
            throw new IllegalArgumentException(PASSWORD + " must have " + MIN_PASSWORD_LENGTH + " to "
                    + MAX_PASSWORD_LENGTH + " characters");
        }
        return new BootstrapSettings(email, Optional.ofNullable(apiKey), Optional.ofNullable(password));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
