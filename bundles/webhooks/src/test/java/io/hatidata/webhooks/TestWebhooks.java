package io.hatidata.webhooks;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.controlplane.Scopes;
import io.hatidata.api.controlplane.Tier;
import io.hatidata.api.identity.Identity;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.apache.derby.jdbc.EmbeddedDataSource;

/** The bundle's components on an embedded Derby in a temporary folder, with a fast retry schedule. */
final class TestWebhooks implements AutoCloseable {
    static final String ORG = "org_test";
    static final String OTHER_ORG = "org_other";

    final Path dir;
    final EmbeddedDataSource dataSource;
    final WebhookDatabase database;
    final SecretCipher cipher;
    final WebhookDispatcher dispatcher;
    final DefaultWebhookService service;
    final WebhookOutboxConsumer consumer;

    TestWebhooks(Path dir, String retrySchedule, int disableAfter) throws Exception {
        this.dir = dir;
        this.dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(dir.resolve("db").toString());
        dataSource.setCreateDatabase("create");
        WebhooksConfig config = config(dir, retrySchedule, disableAfter);
        database = new WebhookDatabase(dataSource);
        cipher = new SecretCipher(config);
        dispatcher = new WebhookDispatcher(database, cipher, config);
        service = new DefaultWebhookService(database, cipher, dispatcher, config);
        consumer = new WebhookOutboxConsumer(database, dispatcher);
    }

    static Caller caller(String organization, Role role, Caller.Method method, Set<String> scopes) {
        Identity identity = new Identity(organization, "usr_" + role.json(), role.json(), role.json(), "env_dev_1",
                "development", method == Caller.Method.API_KEY ? "key_1" : "");
        return new Caller(identity, method, scopes, Tier.FREE, role.json() + "@example.com");
    }

    static Caller owner() {
        return caller(ORG, Role.OWNER, Caller.Method.ACCESS_TOKEN, Scopes.forRole(Role.OWNER));
    }

    @Override
    public void close() throws Exception {
        dispatcher.deactivate();
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(dir.resolve("db").toString());
        shutdown.setShutdownDatabase("shutdown");
        try (Connection ignored = shutdown.getConnection()) {
            // never reached: a shutdown answers with an exception
        } catch (SQLException expected) {
            // 08006: database shut down
        }
    }

    static WebhooksConfig config(Path dataDir, String retrySchedule, int disableAfter) {
        return new WebhooksConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return WebhooksConfig.class;
            }

            @Override
            public String dataDir() {
                return dataDir.toString();
            }

            @Override
            public int maxConcurrentDeliveries() {
                return 2;
            }

            @Override
            public int pollIntervalMs() {
                return 50;
            }

            @Override
            public int leaseSeconds() {
                return 3;
            }

            @Override
            public int requestTimeoutSeconds() {
                return 2;
            }

            @Override
            public String retryScheduleSeconds() {
                return retrySchedule;
            }

            @Override
            public int disableAfterFailures() {
                return disableAfter;
            }

            @Override
            public boolean allowPrivateTargets() {
                return false;
            }

            @Override
            public int maxWebhooksPerOrganization() {
                return 3;
            }

            @Override
            public int deliveryRetentionDays() {
                return 30;
            }
        };
    }
}
