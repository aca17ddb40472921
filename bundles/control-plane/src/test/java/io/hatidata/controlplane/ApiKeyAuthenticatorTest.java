package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.identity.AuthenticationException;
import io.hatidata.api.identity.Credentials;
import io.hatidata.api.identity.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real schema, bootstrap and authentication against an embedded Derby in a temporary folder. */
class ApiKeyAuthenticatorTest {
    private static final String KEY = "hd_live_" + "Abc123".repeat(5) + "xy";

    @TempDir
    Path dataDir;

    private EmbeddedDataSource dataSource;

    @BeforeEach
    void createDatabase() {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(dataDir.resolve("db").toString());
        dataSource.setCreateDatabase("create");
    }

    @AfterEach
    void dropDatabase() {
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(dataDir.resolve("db").toString());
        shutdown.setShutdownDatabase("shutdown");
        try (Connection ignored = shutdown.getConnection()) {
            // never reached: a shutdown answers with an exception
        } catch (java.sql.SQLException expected) {
            // 08006: database shut down
        }
    }

    @Test
    void bootstrapsOnceAndAuthenticatesTheSuppliedOwnerKey() throws Exception {
        Map<String, String> environment = Map.of("HATIDATA_BOOTSTRAP_API_KEY", KEY);
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(dataSource, tokens(), config(), environment);

        Identity identity = authenticator.authenticate(new Credentials("admin", KEY, "hatidata", "127.0.0.1"));
        assertEquals("owner", identity.role());
        assertEquals("admin", identity.userName());
        assertEquals("development", identity.environmentName());
        assertTrue(identity.environmentId().startsWith("env_dev_"));
        assertTrue(identity.organizationId().startsWith("org_"));
        assertFalse(Files.exists(dataDir.resolve("bootstrap-api-key")), "a supplied key is not written out");

        new ApiKeyAuthenticator(dataSource, tokens(), config(), environment);
        assertEquals(1, count("organizations"));
        assertEquals(1, count("api_keys"));
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT key_prefix, key_hash FROM api_keys")) {
            rows.next();
            assertEquals(KEY.substring(0, 12), rows.getString(1));
            assertTrue(rows.getString(2).startsWith("$argon2id$"));
            assertFalse(rows.getString(2).contains(KEY.substring(12)));
        }
    }

    @Test
    void writesAGeneratedKeyToAnOwnerOnlyFile() throws Exception {
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(dataSource, tokens(), config(), Map.of());
        Path keyFile = dataDir.resolve("bootstrap-api-key");
        String key = Files.readString(keyFile).trim();
        assertTrue(ApiKeys.isWellFormed(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertTrue(Files.exists(dataDir.resolve("bootstrap-password")));
        assertEquals("development", authenticator.authenticate(new Credentials("x", key, "", "")).environmentName());
    }

    @Test
    void aStaleKeyFileFromAnEarlierStoreIsReplaced() throws Exception {
        Files.writeString(dataDir.resolve("bootstrap-api-key"), "hd_live_" + "0".repeat(32) + "\n");
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(dataSource, tokens(), config(), Map.of());
        String key = Files.readString(dataDir.resolve("bootstrap-api-key")).trim();
        assertFalse(key.equals("hd_live_" + "0".repeat(32)));
        assertEquals("owner", authenticator.authenticate(new Credentials("admin", key, "", "")).role());
        try (var files = Files.list(dataDir)) {
            assertTrue(files.noneMatch(each -> each.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void rejectsWrongMalformedAndRevokedKeys() throws Exception {
        ApiKeyAuthenticator authenticator =
                new ApiKeyAuthenticator(dataSource, tokens(), config(), Map.of("HATIDATA_BOOTSTRAP_API_KEY", KEY));
        String samePrefixWrongBody = KEY.substring(0, 12) + "Z".repeat(28);
        assertThrows(AuthenticationException.class,
                () -> authenticator.authenticate(new Credentials("admin", samePrefixWrongBody, "", "")));
        assertThrows(AuthenticationException.class,
                () -> authenticator.authenticate(new Credentials("admin", "hd_live_" + "q".repeat(32), "", "")));
        assertThrows(AuthenticationException.class,
                () -> authenticator.authenticate(new Credentials("admin", "not-a-key", "", "")));

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE api_keys SET revoked_at = CURRENT_TIMESTAMP");
        }
        ApiKeyAuthenticator fresh =
                new ApiKeyAuthenticator(dataSource, tokens(), config(), Map.of("HATIDATA_BOOTSTRAP_API_KEY", KEY));
        assertThrows(AuthenticationException.class,
                () -> fresh.authenticate(new Credentials("admin", KEY, "", "")));
    }

    private int count(String table) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private AccessTokens tokens;

    private AccessTokens tokens() throws Exception {
        if (tokens == null) {
            tokens = new AccessTokens(config());
        }
        return tokens;
    }

    private ApiKeyAuthenticatorConfig config() {
        return TestStore.config(dataDir);
    }
}
