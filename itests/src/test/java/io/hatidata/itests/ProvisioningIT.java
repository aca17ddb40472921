package io.hatidata.itests;

import static io.hatidata.itests.RestClient.apiKey;
import static io.hatidata.itests.RestClient.call;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatidata.itests.RestClient.Reply;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Provisioning (issue 10) against the distribution: just-in-time elevation honoured at once on REST and on
 * the wire and ending by itself at {@code expires_at}. The operator setting
 * {@code minimumDurationSeconds} of {@code etc/io.hatidata.controlplane.jit.cfg} is lowered to 10 s so
 * that a fractional {@code duration_minutes} (0.25 = 15 s) can be watched expiring.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProvisioningIT extends HatiDataTestSupport {
    private static final String JIT_CFG = "etc/io.hatidata.controlplane.jit.cfg";

    @Configuration
    public Option[] configuration() {
        List<Option> options = new ArrayList<>(Arrays.asList(baseConfiguration()));
        options.add(editConfigurationFilePut("etc/io.hatidata.rest.cfg", "rateLimitsEnabled", "false"));
        options.add(editConfigurationFilePut(JIT_CFG, "minimumDurationSeconds", "10"));
        options.add(editConfigurationFilePut(JIT_CFG, "sweepIntervalSeconds", "1"));
        return options.toArray(new Option[0]);
    }

    @Test
    public void anAnalystElevatedToAdminCanAdministerUntilTheGrantExpiresByItself() throws Exception {
        Map<String, String> owner = apiKey(bootstrapKey());
        JsonNode me = call("GET", "/v1/auth/me", owner, null).body();
        String env = me.get("env_id").asText();
        String keys = "/v1/environments/" + env + "/api-keys";
        Map<String, String> analyst = apiKey(created(call("POST", keys, owner,
                "{\"name\":\"analyst\",\"role\":\"analyst\",\"scopes\":[\"admin\"]}")).get("key").asText());
        Map<String, String> admin = apiKey(created(call("POST", keys, owner,
                "{\"name\":\"admin\",\"role\":\"admin\",\"scopes\":[\"admin\"]}")).get("key").asText());
        String newKey = "{\"name\":\"made by the analyst\",\"role\":\"analyst\"}";

        try (Connection wire = connect(analyst.get("X-API-Key"))) {
            // before: an analyst may not manage keys nor change the schema
            assertEquals(403, call("POST", keys, analyst, newKey).status());
            assertSqlState("42501", wire, "CREATE TABLE jit_probe (id INTEGER)");

            Reply asked = call("POST", "/v1/environments/" + env + "/jit-access", analyst,
                    "{\"requested_role\":\"admin\",\"reason\":\"incident 42\",\"duration_minutes\":0.25}");
            JsonNode request = created(asked);
            assertEquals("pending", request.get("status").asText());
            assertEquals("analyst", request.get("current_role").asText());
            assertTrue(request.get("expires_at").isNull());
            String approve = "/v1/environments/" + env + "/jit-access/" + request.get("request_id").asText() + "/approve";
            assertEquals("a requester cannot approve themselves", 403, call("POST", approve, analyst, null).status());
            assertEquals("pending grants nothing", 403, call("POST", keys, analyst, newKey).status());

            Reply approved = call("POST", approve, admin, null);
            assertEquals(approved.toString(), 200, approved.status());
            assertEquals("approved", approved.body().get("status").asText());
            Instant expiresAt = Instant.parse(approved.body().get("expires_at").asText());

            // during: at once, on REST and on the connection that was opened before the approval
            Reply during = call("POST", keys, analyst, newKey);
            assertEquals(during.toString(), 201, during.status());
            try (Statement statement = wire.createStatement()) {
                statement.execute("CREATE TABLE jit_probe (id INTEGER)");
            }
            assertTrue("the test must observe the elevation before it ends", Instant.now().isBefore(expiresAt));

            // after: nobody acts; the elevation ends at expires_at
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 200);
            assertEquals(403, call("POST", keys, analyst, newKey).status());
            assertSqlState("42501", wire, "CREATE TABLE jit_probe_after (id INTEGER)");
            JsonNode status = awaitStatus(admin, "/v1/environments/" + env + "/jit-access/"
                    + request.get("request_id").asText(), "expired");
            assertEquals("admin", status.get("requested_role").asText());
            JsonNode sdk = call("GET", "/v1/organizations/" + me.get("org_id").asText() + "/jit?status=expired", admin, null)
                    .body();
            assertEquals(1, sdk.get("data").size());
            assertEquals("admin", sdk.get("data").get(0).get("target_role").asText());
        }
    }

    @Test
    public void theOrganizationScopedSdkFormGrantsAndRevokes() throws Exception {
        Map<String, String> owner = apiKey(bootstrapKey());
        JsonNode me = call("GET", "/v1/auth/me", owner, null).body();
        String org = me.get("org_id").asText();
        String keys = "/v1/environments/" + me.get("env_id").asText() + "/api-keys";
        Map<String, String> analyst = apiKey(created(call("POST", keys, owner,
                "{\"name\":\"sdk analyst\",\"role\":\"analyst\",\"scopes\":[\"admin\"]}")).get("key").asText());
        JsonNode grant = created(call("POST", "/v1/organizations/" + org + "/jit/request", analyst,
                "{\"target_role\":\"developer\",\"reason\":\"schema change\",\"duration_hours\":1}"));
        assertEquals("pending", grant.get("status").asText());
        assertEquals("developer", grant.get("target_role").asText());
        String id = grant.get("id").asText();
        assertEquals(200, call("POST", "/v1/organizations/" + org + "/jit/" + id + "/approve", owner, null).status());
        try (Connection wire = connect(analyst.get("X-API-Key")); Statement statement = wire.createStatement()) {
            statement.execute("CREATE TABLE sdk_probe (id INTEGER)");
            Reply revoked = call("POST", "/v1/organizations/" + org + "/jit/" + id + "/revoke", owner, null);
            assertEquals(revoked.toString(), "revoked", revoked.body().get("status").asText());
            assertSqlState("42501", wire, "CREATE TABLE sdk_probe_after (id INTEGER)");
        }
        Reply other = call("GET", "/v1/organizations/org_doesnotexist/jit", analyst, null);
        assertEquals(404, other.status());
    }

    private static JsonNode awaitStatus(Map<String, String> caller, String path, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Reply reply = call("GET", path, caller, null);
            if (status.equals(reply.body().path("status").asText())) {
                return reply.body();
            }
            if (System.nanoTime() > deadline) {
                fail("still not " + status + ": " + reply);
            }
            Thread.sleep(200);
        }
    }

    private static void assertSqlState(String expected, Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            fail("expected " + expected + " from " + sql);
        } catch (SQLException ex) {
            assertEquals(ex.getMessage(), expected, ex.getSQLState());
        }
    }

    static JsonNode created(Reply reply) {
        assertEquals(reply.toString(), 201, reply.status());
        return reply.body();
    }
}
