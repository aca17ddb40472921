package io.hatidata.controlplane;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.controlplane.Scopes;
import io.hatidata.api.controlplane.Tier;
import io.hatidata.api.identity.Credentials;
import io.hatidata.api.identity.Identity;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * A control plane on an embedded Derby in a temporary folder, bootstrapped with a known owner key and
 * password, with cheap Argon2id costs so tests stay fast.
 */
final class TestStore implements AutoCloseable {
    static final String OWNER_KEY = "hd_live_" + "Own3r".repeat(6) + "ab";
    static final String OWNER_PASSWORD = "correct horse battery";
    static final String OWNER_EMAIL = "owner@example.com";

    final Path dir;
    final javax.sql.DataSource dataSource;
    final AccessTokens tokens;
    final ApiKeyAuthenticator authenticator;
    final DefaultOrganizationService organizations;
    final DefaultEnvironmentService environments;
    final DefaultApiKeyService keys;
    final DefaultUserService users;
    final DefaultAgentKeyService agentKeys;
    final DefaultTokenService login;
    /** Appends through the real log and remembers each event in {@link #events}. */
    final io.hatidata.api.controlplane.DomainEventPublisher publisher;
    /** Every event the services published, in order. */
    final java.util.List<io.hatidata.api.controlplane.DomainEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    TestStore(Path dir) throws Exception {
        this(dir, derby(dir));
    }

    /** A control plane on any database (the PostgreSQL compatibility test passes its own). */
    TestStore(Path dir, javax.sql.DataSource dataSource) throws Exception {
        this.dir = dir;
        this.dataSource = dataSource;
        tokens = new AccessTokens(config(dir));
        authenticator = new ApiKeyAuthenticator(dataSource, tokens, config(dir), Map.of(
                "HATIDATA_BOOTSTRAP_API_KEY", OWNER_KEY, "HATIDATA_BOOTSTRAP_PASSWORD", OWNER_PASSWORD,
                "HATIDATA_BOOTSTRAP_EMAIL", OWNER_EMAIL));
        EventLog log = new EventLog();
        // appends through the real log (so the services' transactions are exercised) and remembers each event
        publisher = new io.hatidata.api.controlplane.DomainEventPublisher() {
            @Override
            public void publish(io.hatidata.api.controlplane.DomainEvent event) {
                throw new UnsupportedOperationException("the services publish inside their transactions");
            }

            @Override
            public io.hatidata.api.controlplane.LoggedDomainEvent publish(java.sql.Connection transaction,
                    io.hatidata.api.controlplane.DomainEvent event) throws SQLException {
                io.hatidata.api.controlplane.LoggedDomainEvent logged = log.append(transaction, event);
                events.add(event);
                return logged;
            }
        };
        organizations = new DefaultOrganizationService(dataSource, authenticator, publisher);
        environments = new DefaultEnvironmentService(dataSource, authenticator, publisher);
        keys = new DefaultApiKeyService(dataSource, authenticator, publisher);
        users = new DefaultUserService(dataSource, authenticator, publisher);
        agentKeys = new DefaultAgentKeyService(dataSource, keys);
        login = new DefaultTokenService(dataSource, authenticator, tokens, publisher, java.time.Clock.systemUTC());
    }

    /** The bootstrap owner, authenticated by the owner key. */
    Caller owner() throws Exception {
        return caller(OWNER_KEY);
    }

    Caller caller(String secret) throws Exception {
        return authenticator.authenticateCaller(new Credentials("test", secret, "", "127.0.0.1"));
    }

    /** A caller of another role in the owner's organization and environment (no database row needed). */
    Caller as(Role role) throws Exception {
        Identity owner = owner().identity();
        Identity identity = new Identity(owner.organizationId(), owner.userId(), "someone", role.json(),
                owner.environmentId(), owner.environmentName(), "");
        return new Caller(identity, Caller.Method.ACCESS_TOKEN, Scopes.forRole(role), Tier.FREE, "someone@example.com");
    }

    private static EmbeddedDataSource derby(Path dir) {
        EmbeddedDataSource result = new EmbeddedDataSource();
        result.setDatabaseName(dir.resolve("db").toString());
        result.setCreateDatabase("create");
        return result;
    }

    @Override
    public void close() {
        if (!(dataSource instanceof EmbeddedDataSource)) {
            return;
        }
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(dir.resolve("db").toString());
        shutdown.setShutdownDatabase("shutdown");
        try (Connection ignored = shutdown.getConnection()) {
            // never reached: a shutdown answers with an exception
        } catch (SQLException expected) {
            // 08006: database shut down
        }
    }

    static ApiKeyAuthenticatorConfig config(Path dataDir) {
        String dir = dataDir.toString();
        return new ApiKeyAuthenticatorConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ApiKeyAuthenticatorConfig.class;
            }

            @Override
            public String dataDir() {
                return dir;
            }

            @Override
            public int argon2MemoryKiB() {
                return 64;
            }

            @Override
            public int argon2Iterations() {
                return 1;
            }

            @Override
            public int argon2Parallelism() {
                return 1;
            }

            @Override
            public int maxConcurrentVerifications() {
                return 2;
            }

            @Override
            public int verifiedKeyCacheSeconds() {
                return 60;
            }

            @Override
            public int verifiedKeyCacheSize() {
                return 100;
            }

            @Override
            public String tokenIssuer() {
                return "https://test.invalid";
            }

            @Override
            public int accessTokenSeconds() {
                return 3600;
            }

            @Override
            public String dataSource_target() {
                return "";
            }
        };
    }
}
