package io.hatidata.api.provisioning;

import java.util.Objects;

/**
 * The existing warehouse a shadow run compares against, reached through JDBC. {@link #toString()} never
 * shows the password.
 *
 * @param jdbcUrl such as {@code jdbc:postgresql://warehouse:5432/analytics}
 * @param user the user to connect as
 * @param password the password; kept in memory only, never stored or logged
 */
public record ShadowSource(String jdbcUrl, String user, String password) {
    public ShadowSource {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "ShadowSource[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=<redacted>]";
    }
}
