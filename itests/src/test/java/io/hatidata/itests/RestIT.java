package io.hatidata.itests;

import static io.hatidata.itests.RestClient.JSON;
import static io.hatidata.itests.RestClient.bearer;
import static io.hatidata.itests.RestClient.call;
import static io.hatidata.itests.RestClient.login;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatidata.itests.RestClient.Reply;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The REST API as an operator and an agent use it against the real distribution: log in, create an
 * environment and a key, use the key from a Postgres client, rotate and revoke it, use the access token as
 * the wire password, keep tenants apart, and run the same Snowflake statement over REST and the wire.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestIT extends HatiDataTestSupport {

    /** Snowflake functions whose Snowflake answers differ from what DuckDB would say for the text as written. */
    static final String SNOWFLAKE_SQL = "SELECT IFF(2 > 1, 'yes', 'no') AS iff_result, NVL(NULL, 'fallback') AS nvl_result,"
            + " DATEDIFF(month, '2024-01-31'::DATE, '2024-02-01'::DATE) AS months,"
            + " SPLIT_PART('a,b,c', ',', 0) AS first_part, 2.5::INT AS rounded, ZEROIFNULL(NULL) AS zero";

    @Configuration
    public Option[] configuration() {
        Option[] base = baseConfiguration();
        Option[] options = Arrays.copyOf(base, base.length + 1);
        options[base.length] = editConfigurationFilePut("etc/io.hatidata.rest.cfg", "rateLimitsEnabled", "false");
        return options;
    }

    @Test
    public void loginEnvironmentAndKeyLifecycleReachTheWire() throws Exception {
        JsonNode login = login(null);
        String token = login.get("access_token").asText();
        String organization = login.get("org").get("id").asText();
        assertEquals("jwt", call("GET", "/v1/auth/me", bearer(token), null).body().get("auth_method").asText());

        Reply environment = call("POST", "/v1/organizations/" + organization + "/environments", bearer(token),
                "{\"name\":\"staging\"}");
        assertEquals(environment.toString(), 201, environment.status());
        String staging = environment.body().get("env_id").asText();
        Reply created = call("POST", "/v1/environments/" + staging + "/api-keys", bearer(token),
                "{\"name\":\"etl\",\"scopes\":[\"query:read\",\"query:write\"]}");
        assertEquals(created.toString(), 201, created.status());
        String key = created.body().get("key").asText();
        assertTrue(key, key.startsWith("hd_test_"));

        try (Connection connection = connect(key); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE staged (id INTEGER)");
            statement.execute("INSERT INTO staged VALUES (1), (2)");
            assertEquals(2, count(statement, "SELECT count(*) FROM staged"));
        }
        try (Connection development = connect(bootstrapKey()); Statement statement = development.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM staged");
            fail("another environment's table is visible");
        } catch (SQLException expected) {
            assertEquals("42P01", expected.getSQLState());
        }
        try (Connection viaToken = connect(token); Statement statement = viaToken.createStatement()) {
            assertEquals(1, count(statement, "SELECT 1"));
        }

        Reply rotated = call("POST", "/v1/environments/" + staging + "/api-keys/" + created.body().get("key_id").asText()
                + "/rotate", bearer(token), "{\"grace_period_hours\":1}");
        assertEquals(rotated.toString(), 201, rotated.status());
        String replacement = rotated.body().get("new_key").asText();
        assertNotEquals(key, replacement);
        for (String each : new String[] {key, replacement}) {
            try (Connection connection = connect(each); Statement statement = connection.createStatement()) {
                assertEquals(2, count(statement, "SELECT count(*) FROM staged"));
            }
        }
        Reply revoked = call("DELETE", "/v1/environments/" + staging + "/api-keys/"
                + rotated.body().get("key").get("key_id").asText(), bearer(token), null);
        assertEquals(revoked.toString(), "revoked", revoked.body().get("status").asText());
        try (Connection refused = connect(replacement)) {
            fail("a revoked key still connects");
        } catch (SQLException expected) {
            assertEquals("28P01", expected.getSQLState());
        }

        Reply refreshed = call("POST", "/v1/auth/refresh", Map.of(),
                "{\"refresh_token\":\"" + login.get("refresh_token").asText() + "\"}");
        assertEquals(refreshed.toString(), 200, refreshed.status());
        assertEquals(200, call("GET", "/v1/auth/me", bearer(refreshed.body().get("access_token").asText()), null).status());
        Reply reused = call("POST", "/v1/auth/refresh", Map.of(),
                "{\"refresh_token\":\"" + login.get("refresh_token").asText() + "\"}");
        assertEquals(reused.toString(), 401, reused.status());

        Reply keys = call("GET", "/.well-known/jwks.json", Map.of(), null);
        assertEquals("RSA", keys.body().get("keys").get(0).get("kty").asText());
    }

    @Test
    public void anotherOrganizationsResourcesAreNotFound() throws Exception {
        String token = login(null).get("access_token").asText();
        String home = call("GET", "/v1/auth/me", bearer(token), null).body().get("org_id").asText();
        Reply other = call("POST", "/v1/organizations", bearer(token),
                "{\"name\":\"Other Co\",\"slug\":\"other-co\",\"billing_email\":\"billing@other.example\"}");
        assertEquals(other.toString(), 201, other.status());
        String otherOrg = other.body().get("org_id").asText();
        String otherToken = login(otherOrg).get("access_token").asText();
        String otherEnvironment = call("GET", "/v1/organizations/" + otherOrg + "/environments", bearer(otherToken), null)
                .body().get("data").get(0).get("env_id").asText();
        Reply otherKey = call("POST", "/v1/environments/" + otherEnvironment + "/api-keys", bearer(otherToken),
                "{\"name\":\"theirs\",\"scopes\":[\"query:read\"]}");
        assertEquals(otherKey.toString(), 201, otherKey.status());

        Map<String, String> mine = Map.of("X-API-Key", bootstrapKey());
        Map<String, String> theirs = Map.of("X-API-Key", otherKey.body().get("key").asText());
        assertNotFound(call("GET", "/v1/organizations/" + otherOrg, mine, null));
        assertNotFound(call("GET", "/v1/environments/" + otherEnvironment, mine, null));
        assertNotFound(call("GET", "/v1/environments/" + otherEnvironment + "/api-keys", mine, null));
        assertNotFound(call("GET", "/v1/organizations/" + home, theirs, null));
        assertNotFound(call("GET", "/v1/organizations/" + home + "/users", theirs, null));

        try (Connection connection = connect(otherKey.body().get("key").asText());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INTEGER)");
            fail("a key without query:write wrote");
        } catch (SQLException expected) {
            assertEquals("42501", expected.getSQLState());
        }
    }

    @Test
    public void aSnowflakeStatementAnswersAlikeOverRestAndTheWire() throws Exception {
        Map<String, String> key = Map.of("X-API-Key", bootstrapKey());
        Reply answer = call("POST", "/v1/query", key, JSON.writeValueAsString(Map.of("sql", SNOWFLAKE_SQL)));
        assertEquals(answer.toString(), 200, answer.status());
        JsonNode row = answer.body().get("rows").get(0);
        assertEquals("yes", row.get("iff_result").asText());
        assertEquals("fallback", row.get("nvl_result").asText());
        assertEquals(1, row.get("months").asInt());
        assertEquals("a", row.get("first_part").asText());
        assertEquals(3, row.get("rounded").asInt());
        assertEquals(0, row.get("zero").asInt());
        assertTrue(answer.toString(), answer.body().get("execution_time_ms").isNumber());

        try (Connection connection = connect(bootstrapKey()); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(SNOWFLAKE_SQL)) {
            assertTrue(rows.next());
            assertEquals("yes", rows.getString("iff_result"));
            assertEquals("fallback", rows.getString("nvl_result"));
            assertEquals(1, rows.getInt("months"));
            assertEquals("a", rows.getString("first_part"));
            assertEquals(3, rows.getInt("rounded"));
            assertEquals(0, rows.getInt("zero"));
        }

        if (Programs.PSQL.canExecute()) {
            Programs.Outcome psql = Programs.psql(bootstrapKey(), SNOWFLAKE_SQL);
            assertEquals(psql.output(), "yes|fallback|1|a|3|0\n", psql.output());
        }

        Reply healed = call("POST", "/v1/query", key, JSON.writeValueAsString(Map.of("sql",
                "SELECT SUBSTR(n, 2, 3) AS part FROM (SELECT 12345 AS n) AS t")));
        assertEquals("Snowflake converts the number to text; healing retries with a cast", "234",
                healed.body().get("rows").get(0).get("part").asText());

        Reply parameters = call("POST", "/v1/query", key, "{\"sql\":\"SELECT $1::INTEGER + 1 AS n\",\"params\":[41]}");
        assertEquals(parameters.toString(), 42, parameters.body().get("rows").get(0).get("n").asInt());

        Reply unsupported = call("POST", "/v1/query", key, "{\"sql\":\"SELECT * FROM t MATCH_RECOGNIZE (ORDER BY x)\"}");
        assertEquals(unsupported.toString(), "0A000", unsupported.body().get("sqlState").asText());
        assertTrue(unsupported.toString(), unsupported.body().get("error").get("message").asText().contains("MATCH_RECOGNIZE"));

        Reply syntax = call("POST", "/v1/query", key, "{\"sql\":\"SELEC 1\"}");
        assertEquals(syntax.toString(), 400, syntax.status());
        assertEquals(syntax.toString(), "42601", syntax.body().get("sqlState").asText());
        assertEquals(syntax.toString(), 1, syntax.body().get("error").get("details").get("position").asInt());
        try (Connection connection = connect(bootstrapKey()); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1 FROM FROM t");
            fail("a syntax error ran");
        } catch (org.postgresql.util.PSQLException expected) {
            assertEquals("42601", expected.getSQLState());
            assertEquals("the position psql and drivers point at", 15, expected.getServerErrorMessage().getPosition());
        }

        Reply anonymous = call("POST", "/v1/query", Map.of(), "{\"sql\":\"SELECT 1\"}");
        assertEquals(anonymous.toString(), 401, anonymous.status());
        assertTrue(anonymous.toString(), anonymous.body().get("error").has("request_id"));
        Reply unknown = call("GET", "/v1/no-such-thing", key, null);
        assertEquals(unknown.toString(), "NOT_FOUND", unknown.body().get("error").get("code").asText());
    }

    private static void assertNotFound(Reply reply) {
        assertEquals(reply.toString(), 404, reply.status());
        assertEquals(reply.toString(), "NOT_FOUND", reply.body().get("error").get("code").asText());
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next());
            return rows.getLong(1);
        }
    }
}
