package io.hatidata.wire.pg;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The real server on an ephemeral port with fake authentication and pipeline, for tests with real pgjdbc. */
abstract class PgJdbcServerTestSupport {
    final FakeAuthenticator authenticator = new FakeAuthenticator();
    final FakePipeline pipeline = new FakePipeline();
    PgServerRuntime runtime;

    @BeforeEach
    void start() {
        PgSettings settings = new PgSettings(0, "127.0.0.1", Set.of("hatidata"), 8, 10000, 1 << 20, 4, 16, 60);
        runtime = PgServerRuntime.start(settings, () -> authenticator, () -> pipeline);
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "agent");
        properties.setProperty("password", FakeAuthenticator.GOOD_KEY);
        properties.setProperty("sslmode", "disable");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "30");
        String url = "jdbc:postgresql://127.0.0.1:" + runtime.localAddress().getPort() + "/hatidata";
        return new org.postgresql.Driver().connect(url, properties);
    }
}
