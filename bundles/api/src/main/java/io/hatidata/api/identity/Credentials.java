package io.hatidata.api.identity;

import java.util.Objects;

/**
 * What a client presented. {@link #toString()} never shows the secret.
 *
 * @param userName the user name the client sent (a user name, e-mail or key prefix)
 * @param secret the API key, password or token; never logged
 * @param database the database the client asked for (on the Postgres wire), or empty
 * @param remoteAddress the client's address, for audit and allow-lists
 */
public record Credentials(String userName, String secret, String database, String remoteAddress) {
    public Credentials {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(secret, "secret");
        database = database == null ? "" : database;
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
    }

    @Override
    public String toString() {
        return "Credentials[userName=" + userName + ", secret=<redacted>, database=" + database
                + ", remoteAddress=" + remoteAddress + "]";
    }
}
