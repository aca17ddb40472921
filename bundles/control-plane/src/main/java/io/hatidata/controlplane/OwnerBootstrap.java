package io.hatidata.controlplane;

import io.hatidata.api.controlplane.Scopes;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * On the first start with an empty store, creates in one transaction: an organization, the owner user
 * {@code admin}, the environment {@code development}, and an owner API key for that environment. Secrets
 * are stored only as Argon2id hashes; the generated ones are returned once so the caller can hand them
 * to the operator.
 */
final class OwnerBootstrap {
    static final String OWNER_USER_NAME = "admin";
    static final String OWNER_ROLE = "owner";
    static final String ENVIRONMENT_NAME = "development";
    static final String ORGANIZATION_NAME = "default";

    /**
     * What a bootstrap created.
     *
     * @param generatedApiKey the owner key when it was generated (absent when the operator supplied it)
     * @param generatedPassword the owner password when it was generated
     */
    record Result(
            String organizationId,
            String userId,
            String environmentId,
            String keyId,
            String keyPrefix,
            Optional<String> generatedApiKey,
            Optional<String> generatedPassword) {
        @Override
        public String toString() {
            return "Result[organizationId=" + organizationId + ", userId=" + userId + ", environmentId="
                    + environmentId + ", keyId=" + keyId + ", keyPrefix=" + keyPrefix + "]";
        }
    }

    private final DataSource dataSource;
    private final Argon2idHasher hasher;
    private final SecureRandom random;

    OwnerBootstrap(DataSource dataSource, Argon2idHasher hasher, SecureRandom random) {
        this.dataSource = dataSource;
        this.hasher = hasher;
        this.random = random;
    }

    /** Receives what a bootstrap generated before it commits; a failure rolls the bootstrap back. */
    @FunctionalInterface
    interface BeforeCommit {
        void accept(Result generated) throws IOException;
    }

    /** Bootstraps when the store holds no organization; empty when it already did. */
    Optional<Result> bootstrapIfEmpty(BootstrapSettings settings, BeforeCommit beforeCommit)
            throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            try {
                if (hasOrganization(connection)) {
                    connection.rollback();
                    return Optional.empty();
                }
                Result result = create(connection, settings);
                beforeCommit.accept(result);
                connection.commit();
                return Optional.of(result);
            } catch (SQLException | IOException | RuntimeException ex) {
                connection.rollback();
                throw ex;
            }
        }
    }

    private Result create(Connection connection, BootstrapSettings settings) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        String organizationId = Ids.newId(random, "org_", 12);
        String userId = Ids.newId(random, "usr_", 12);
        String environmentId = Ids.newId(random, "env_dev_", 8);
        String keyId = Ids.newId(random, "key_", 12);
        Optional<String> generatedKey = settings.apiKey().isPresent()
                ? Optional.empty()
                : Optional.of(ApiKeys.newLiveKey(random));
        String apiKey = settings.apiKey().orElseGet(generatedKey::get);
        Optional<String> generatedPassword = settings.password().isPresent()
                ? Optional.empty()
                : Optional.of(ApiKeys.newLiveKey(random).substring(8));
        String password = settings.password().orElseGet(generatedPassword::get);

        update(connection, "INSERT INTO organizations (id, name, tier, created_at, slug, billing_email, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                organizationId, ORGANIZATION_NAME, "free", now, ORGANIZATION_NAME, settings.email(), now);
        update(connection, "INSERT INTO users (id, org_id, user_name, email, password_hash, role, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                userId, organizationId, OWNER_USER_NAME, settings.email(), hasher.hash(password), OWNER_ROLE, now);
        update(connection, "INSERT INTO environments (id, org_id, name, created_at, slug, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                environmentId, organizationId, ENVIRONMENT_NAME, now, ENVIRONMENT_NAME, now);
        update(connection, "INSERT INTO api_keys (id, org_id, environment_id, user_id, name, key_prefix, key_hash,"
                        + " role, created_at, scopes, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                keyId, organizationId, environmentId, userId, "bootstrap owner key", ApiKeys.prefix(apiKey),
                hasher.hash(apiKey), OWNER_ROLE, now, String.join(" ", Scopes.ALL), userId);
        return new Result(organizationId, userId, environmentId, keyId, ApiKeys.prefix(apiKey), generatedKey,
                generatedPassword);
    }

    private static boolean hasOrganization(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM organizations FETCH FIRST 1 ROWS ONLY");
                ResultSet rows = statement.executeQuery()) {
            return rows.next();
        }
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
