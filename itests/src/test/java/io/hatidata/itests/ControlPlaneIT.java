package io.hatidata.itests;

import static io.hatidata.itests.RestClient.apiKey;
import static io.hatidata.itests.RestClient.bearer;
import static io.hatidata.itests.RestClient.call;
import static io.hatidata.itests.RestClient.login;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import io.hatidata.itests.Programs.Outcome;
import io.hatidata.itests.RestClient.Reply;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

/**
 * The control plane's acceptance as a new user meets it (curl-like HTTP and psql against the
 * distribution): a read-only key that SELECTs but cannot INSERT, rotation with both keys working, the
 * role matrix on the endpoints, bad input with field details, and keys that must stop working: rotated
 * out, revoked, expired, used from outside their allowlist (401 on REST, 28P01 on the wire).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ControlPlaneIT extends HatiDataTestSupport {

    @Inject
    @Filter(value = "(hatidata.datasource=control-plane)", timeout = 120_000)
    private DataSource controlPlane;

    @Configuration
    public Option[] configuration() {
        Option[] base = baseConfiguration();
        Option[] options = Arrays.copyOf(base, base.length + 2);
        options[base.length] = editConfigurationFilePut("etc/io.hatidata.rest.cfg", "rateLimitsEnabled", "false");
        options[base.length + 1] = editConfigurationFilePut("etc/io.hatidata.rest.cfg", "authFailuresPerMinute", "0");
        return options;
    }

    @Test
    public void aReadOnlyKeyThroughPsqlSelectsButCannotInsertAndSurvivesRotation() throws Exception {
        Assume.assumeTrue("psql is not installed", Programs.PSQL.canExecute());
        String token = login(null).get("access_token").asText();
        String organization = call("GET", "/v1/auth/me", bearer(token), null).body().get("org_id").asText();
        String environment = created(call("POST", "/v1/organizations/" + organization + "/environments", bearer(token),
                "{\"name\":\"analytics\"}")).get("env_id").asText();
        String writer = created(call("POST", "/v1/environments/" + environment + "/api-keys", bearer(token),
                "{\"name\":\"loader\",\"scopes\":[\"query:read\",\"query:write\"]}")).get("key").asText();
        assertSucceeded(Programs.psql(writer, "CREATE TABLE visits (id INTEGER)", "INSERT INTO visits VALUES (1), (2)"));

        Reply reader = call("POST", "/v1/environments/" + environment + "/api-keys", bearer(token),
                "{\"name\":\"reader\",\"scopes\":[\"query:read\"]}");
        String readKey = created(reader).get("key").asText();
        assertEquals("2\n", assertSucceeded(Programs.psql(readKey, "SELECT count(*) FROM visits")));
        Outcome insert = Programs.psql(readKey, "INSERT INTO visits VALUES (3)");
        assertEquals(insert.output(), 1, insert.exitCode());
        assertTrue(insert.output(), insert.output().contains("42501"));

        Reply rotated = call("POST", "/v1/environments/" + environment + "/api-keys/"
                + reader.body().get("key_id").asText() + "/rotate", bearer(token), "{\"grace_period_hours\":24}");
        String replacement = created(rotated).get("new_key").asText();
        for (String each : List.of(readKey, replacement)) {
            assertEquals("2\n", assertSucceeded(Programs.psql(each, "SELECT count(*) FROM visits")));
        }
    }

    @Test
    public void everyRoleGetsWhatTheMatrixGivesIt() throws Exception {
        String owner = bootstrapKey();
        Map<String, String> me = Map.of("org", call("GET", "/v1/auth/me", apiKey(owner), null).body().get("org_id").asText(),
                "env", call("GET", "/v1/auth/me", apiKey(owner), null).body().get("env_id").asText());
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("owner", owner);
        for (String role : List.of("admin", "developer", "analyst", "auditor", "service_account")) {
            keys.put(role, created(call("POST", "/v1/environments/" + me.get("env") + "/api-keys", apiKey(owner),
                    "{\"name\":\"" + role + "\",\"role\":\"" + role + "\",\"scopes\":[\"admin\"]}")).get("key").asText());
        }
        // role → expected status, per endpoint (SPEC §2.1.1 as docs/control-plane.md lists it)
        Map<String, List<Integer>> matrix = new LinkedHashMap<>();
        //                                                              owner admin developer analyst auditor service_account
        matrix.put("GET /v1/organizations/{org}", List.of(200, 200, 200, 200, 200, 200));
        matrix.put("GET /v1/organizations/{org}/environments", List.of(200, 200, 200, 200, 200, 200));
        matrix.put("GET /v1/organizations/{org}/users", List.of(200, 200, 403, 403, 403, 403));
        matrix.put("GET /v1/environments/{env}/api-keys", List.of(200, 200, 403, 403, 403, 403));
        matrix.put("POST /v1/organizations/{org}/environments", List.of(201, 201, 403, 403, 403, 403));
        matrix.put("POST /v1/query", List.of(200, 200, 200, 200, 403, 200));
        matrix.put("POST /v1/transpile", List.of(200, 200, 200, 200, 403, 200));
        matrix.put("GET /v1/auth/me", List.of(200, 200, 200, 200, 200, 200));
        matrix.put("GET /v1/environments/{env}", List.of(200, 200, 200, 200, 200, 200));
        matrix.put("POST /v1/environments/{env}/api-keys", List.of(201, 201, 403, 403, 403, 403));
        matrix.put("GET /v1/organizations/{org}/agent-keys", List.of(200, 200, 403, 403, 403, 403));
        matrix.put("POST /v1/organizations/{org}/users", List.of(201, 201, 403, 403, 403, 403));
        matrix.put("POST /v1/organizations", List.of(403, 403, 403, 403, 403, 403));
        List<String> roles = List.copyOf(keys.keySet());
        List<String> mismatches = new java.util.ArrayList<>();
        for (Map.Entry<String, List<Integer>> endpoint : matrix.entrySet()) {
            String[] parts = endpoint.getKey().split(" ");
            String path = parts[1].replace("{org}", me.get("org")).replace("{env}", me.get("env"));
            for (int i = 0; i < roles.size(); i++) {
                String body = !"POST".equals(parts[0]) ? null : switch (parts[1]) {
                    case "/v1/query", "/v1/transpile" -> "{\"sql\":\"SELECT 1\"}";
                    case "/v1/organizations/{org}/users" -> "{\"email\":\"" + roles.get(i) + "@example.com\"}";
                    case "/v1/organizations" -> "{\"name\":\"By " + roles.get(i) + "\",\"slug\":\"by-"
                            + roles.get(i).replace('_', '-') + "\",\"billing_email\":\"b@example.com\"}";
                    default -> "{\"name\":\"by " + roles.get(i) + "\"}";
                };
                Reply reply = call(parts[0], path, apiKey(keys.get(roles.get(i))), body);
                if (reply.status() != endpoint.getValue().get(i)) {
                    mismatches.add(endpoint.getKey() + " as " + roles.get(i) + ": " + reply);
                }
            }
        }
        assertTrue(String.join("\n", mismatches), mismatches.isEmpty());
        Reply selfElevation = call("POST", "/v1/environments/" + me.get("env") + "/api-keys", apiKey(keys.get("admin")),
                "{\"name\":\"up\",\"role\":\"owner\"}");
        assertEquals(selfElevation.toString(), 403, selfElevation.status());
    }

    @Test
    public void badInputIs400WithTheFieldNamed() throws Exception {
        Map<String, String> owner = apiKey(bootstrapKey());
        String environment = call("GET", "/v1/auth/me", owner, null).body().get("env_id").asText();
        String organization = call("GET", "/v1/auth/me", owner, null).body().get("org_id").asText();
        assertField(call("POST", "/v1/environments/" + environment + "/api-keys", owner,
                "{\"name\":\"x\",\"expires_in_days\":0}"), "expires_in_days");
        assertField(call("POST", "/v1/environments/" + environment + "/api-keys", owner,
                "{\"name\":\"x\",\"scopes\":[\"no:such-scope\"]}"), "scopes");
        assertField(call("POST", "/v1/environments/" + environment + "/api-keys", owner,
                "{\"name\":\"x\",\"ip_allowlist\":[\"10.0.0.1/8\"]}"), "ip_allowlist");
        assertField(call("POST", "/v1/organizations/" + organization + "/environments", owner, "{\"name\":5}"), "name");
        assertField(call("POST", "/v1/organizations/" + organization + "/environments", owner, "{}"), "name");
        Reply malformed = call("POST", "/v1/organizations/" + organization + "/environments", owner, "{\"name\":");
        assertEquals(malformed.toString(), 400, malformed.status());
        assertEquals(malformed.toString(), "VALIDATION_ERROR", malformed.body().get("error").get("code").asText());
    }

    @Test
    public void rotatedOutRevokedExpiredAndDisallowedKeysAre401AndOnTheWire28P01() throws Exception {
        Map<String, String> owner = apiKey(bootstrapKey());
        String environment = call("GET", "/v1/auth/me", owner, null).body().get("env_id").asText();
        String keys = "/v1/environments/" + environment + "/api-keys";

        Reply rotating = call("POST", keys, owner, "{\"name\":\"rotating\",\"scopes\":[\"query:read\"]}");
        String rotatedOut = created(rotating).get("key").asText();
        String replacement = created(call("POST", keys + "/" + rotating.body().get("key_id").asText() + "/rotate", owner,
                "{\"grace_period_hours\":0}")).get("new_key").asText();
        assertRefused(rotatedOut);
        assertEquals(200, call("GET", "/v1/auth/me", apiKey(replacement), null).status());

        Reply revoking = call("POST", keys, owner, "{\"name\":\"revoked\",\"scopes\":[\"query:read\"]}");
        assertEquals(200, call("GET", "/v1/auth/me", apiKey(created(revoking).get("key").asText()), null).status());
        assertEquals(200, call("DELETE", keys + "/" + revoking.body().get("key_id").asText(), owner, null).status());
        assertRefused(revoking.body().get("key").asText());

        Reply expiring = call("POST", keys, owner, "{\"name\":\"expiring\",\"scopes\":[\"query:read\"],\"expires_in_days\":1}");
        try (Connection connection = controlPlane.getConnection();
                PreparedStatement expire = connection.prepareStatement("UPDATE api_keys SET expires_at = ? WHERE id = ?")) {
            expire.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(60)));
            expire.setString(2, created(expiring).get("key_id").asText());
            assertEquals(1, expire.executeUpdate());
        }
        assertRefused(expiring.body().get("key").asText());

        Reply elsewhere = call("POST", keys, owner,
                "{\"name\":\"office only\",\"scopes\":[\"query:read\"],\"ip_allowlist\":[\"203.0.113.0/24\"]}");
        assertRefused(created(elsewhere).get("key").asText());
        Reply here = call("POST", keys, owner,
                "{\"name\":\"loopback\",\"scopes\":[\"query:read\"],\"ip_allowlist\":[\"127.0.0.0/8\", \"::1/128\"]}");
        assertEquals(200, call("GET", "/v1/auth/me", apiKey(created(here).get("key").asText()), null).status());
    }

    @Test
    public void usersAgentKeysEnvironmentsAndOrganizationsHaveWorkingHappyPaths() throws Exception {
        String token = login(null).get("access_token").asText();
        Map<String, String> owner = bearer(token);
        String organization = call("GET", "/v1/auth/me", owner, null).body().get("org_id").asText();
        String users = "/v1/organizations/" + organization + "/users";
        String user = created(call("POST", users, owner, "{\"email\":\"ana@example.com\",\"name\":\"Ana\",\"role\":\"analyst\"}"))
                .get("user_id").asText();
        assertEquals("invited", call("GET", users + "/" + user, owner, null).body().get("status").asText());
        assertTrue(call("GET", users + "?role=analyst", owner, null).body().get("data").findValuesAsText("user_id")
                .contains(user));
        assertTrue(call("GET", users + "?role=owner", owner, null).body().get("data").findValuesAsText("user_id")
                .stream().noneMatch(user::equals));
        assertEquals("developer", call("PUT", users + "/" + user + "/role", owner, "{\"role\":\"developer\"}")
                .body().get("role").asText());
        assertEquals(200, call("POST", users + "/" + user + "/suspend", owner, null).status());
        assertEquals(204, call("DELETE", users + "/" + user, owner, null).status());

        String agents = "/v1/organizations/" + organization + "/agent-keys";
        Reply agent = call("POST", agents, owner, "{\"agent_name\":\"support-bot\",\"framework\":\"langchain\"}");
        String agentKey = created(agent).get("raw_key").asText();
        assertTrue(agentKey, agentKey.startsWith("hd_agent_"));
        String agentId = agent.body().get("key_id").asText();
        assertEquals(1, count(call("GET", agents, owner, null)));
        assertEquals("support-bot", call("GET", agents + "/" + agentId, owner, null).body().get("agent_name").asText());
        assertEquals(200, call("PUT", agents + "/" + agentId, owner, "{\"description\":\"answers tickets\"}").status());
        try (Connection connection = connect(agentKey); java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("SELECT 1")) {
            assertTrue("an agent key opens a wire session", rows.next());
        }
        Reply rotated = call("POST", agents + "/" + agentId + "/rotate", owner, "{\"grace_period_hours\":0}");
        assertTrue(created(rotated).get("new_key").asText().startsWith("hd_agent_"));
        assertEquals(200, call("DELETE", agents + "/" + rotated.body().get("new_key_id").asText(), owner, null).status());

        String environments = "/v1/organizations/" + organization + "/environments";
        String scratch = created(call("POST", environments, owner, "{\"name\":\"scratch\"}")).get("env_id").asText();
        Reply updated = call("PUT", "/v1/environments/" + scratch, owner, "{\"settings\":{\"query_timeout_ms\":5000}}");
        assertEquals(updated.toString(), 5000, updated.body().get("settings").get("query_timeout_ms").asInt());
        assertEquals(204, call("DELETE", "/v1/environments/" + scratch, owner, null).status());
        assertEquals(404, call("GET", "/v1/environments/" + scratch, owner, null).status());

        Reply other = call("POST", "/v1/organizations", owner,
                "{\"name\":\"Short Lived\",\"slug\":\"short-lived\",\"billing_email\":\"b@example.com\"}");
        String otherId = created(other).get("org_id").asText();
        Map<String, String> otherOwner = bearer(login(otherId).get("access_token").asText());
        assertEquals("Renamed", call("PUT", "/v1/organizations/" + otherId, otherOwner,
                "{\"name\":\"Renamed\"}").body().get("name").asText());
        assertTrue("at least the caller's own organization", count(call("GET", "/v1/organizations", owner, null)) >= 1);
        assertEquals(204, call("DELETE", "/v1/organizations/" + otherId, otherOwner, null).status());
        assertEquals(200, call("GET", "/v1/openapi.json", Map.of(), null).status());
        assertEquals(200, call("GET", "/health", Map.of(), null).status());
    }

    @Test
    public void anInvitedUserAcceptsWithTheTokenOnceAndLogsIn() throws Exception {
        Map<String, String> owner = bearer(login(null).get("access_token").asText());
        String organization = call("GET", "/v1/auth/me", owner, null).body().get("org_id").asText();
        String users = "/v1/organizations/" + organization + "/users";
        Reply invited = call("POST", users, owner, "{\"email\":\"joiner@example.com\",\"role\":\"developer\"}");
        assertEquals(invited.toString(), 201, invited.status());
        String user = invited.body().get("user_id").asText();
        String token = invited.body().get("invitation_token").asText();
        assertTrue(invited.toString(), token.startsWith("hd_inv_") && token.length() == 50);
        assertTrue(invited.toString(), invited.body().hasNonNull("invitation_expires_at"));
        assertEquals(invited.toString(), false, invited.body().get("invitation_delivered").asBoolean());
        assertTrue("the invitation token is shown once", call("GET", users + "/" + user, owner, null).body()
                .path("invitation_token").isMissingNode());

        String password = "joiner's long password";
        Reply accepted = call("POST", "/v1/auth/accept-invitation", Map.of(),
                "{\"token\":\"" + token + "\",\"password\":\"" + password + "\",\"name\":\"Joiner\"}");
        assertEquals(accepted.toString(), 200, accepted.status());
        assertEquals(accepted.toString(), user, accepted.body().get("user").get("id").asText());
        assertTrue(accepted.toString(), accepted.body().get("refresh_token").asText().startsWith("hdr_"));
        assertEquals("developer", call("GET", "/v1/auth/me", bearer(accepted.body().get("access_token").asText()), null)
                .body().get("role").asText());

        Reply loggedIn = call("POST", "/v1/auth/login", Map.of(),
                "{\"email\":\"joiner@example.com\",\"password\":\"" + password + "\"}");
        assertEquals(loggedIn.toString(), 200, loggedIn.status());
        Reply me = call("GET", "/v1/auth/me", bearer(loggedIn.body().get("access_token").asText()), null);
        assertEquals(me.toString(), user, me.body().get("user_id").asText());
        assertEquals(me.toString(), "joiner@example.com", me.body().get("email").asText());
        assertEquals("active", call("GET", users + "/" + user, owner, null).body().get("status").asText());

        assertInvitationRefused(token, "already accepted");
        assertInvitationRefused("hd_inv_" + "A".repeat(43), "invalid invitation token");
        assertInvitationRefused("garbage", "invalid invitation token");

        String late = created(call("POST", users, owner, "{\"email\":\"late@example.com\"}")).get("user_id").asText();
        String lateToken = created(call("POST", users + "/" + late + "/invitation", owner, null))
                .get("invitation_token").asText();
        try (Connection connection = controlPlane.getConnection();
                PreparedStatement expire = connection.prepareStatement(
                        "UPDATE user_invitations SET expires_at = ? WHERE user_id = ? AND revoked_at IS NULL")) {
            expire.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
            expire.setString(2, late);
            assertEquals(1, expire.executeUpdate());
        }
        assertInvitationRefused(lateToken, "expired");
        Reply weak = call("POST", "/v1/auth/accept-invitation", Map.of(), "{\"token\":\"" + lateToken
                + "\",\"password\":\"short\"}");
        assertField(weak, "password");

        try (Connection connection = controlPlane.getConnection();
                PreparedStatement events = connection.prepareStatement(
                        "SELECT type, data FROM domain_events WHERE resource_id = ? ORDER BY sequence")) {
            events.setString(1, user);
            List<String> types = new java.util.ArrayList<>();
            try (java.sql.ResultSet rows = events.executeQuery()) {
                while (rows.next()) {
                    types.add(rows.getString(1));
                    assertTrue("no event carries the token", !rows.getString(2).contains(token.substring(7)));
                }
            }
            assertEquals(List.of("user.invited", "user.activated"), types);
        }
    }

    private static void assertInvitationRefused(String token, String why) throws java.io.IOException {
        Reply reply = call("POST", "/v1/auth/accept-invitation", Map.of(),
                "{\"token\":\"" + token + "\",\"password\":\"another long password\"}");
        assertEquals(reply.toString(), 401, reply.status());
        assertEquals(reply.toString(), "UNAUTHORIZED", reply.body().get("error").get("code").asText());
        assertTrue(reply.toString(), reply.body().get("error").get("message").asText().contains(why));
    }

    private static int count(Reply page) {
        assertEquals(page.toString(), 200, page.status());
        return page.body().get("data").size();
    }

    private static void assertRefused(String key) {
        try {
            Reply reply = call("GET", "/v1/auth/me", apiKey(key), null);
            assertEquals(reply.toString(), 401, reply.status());
            assertEquals(reply.toString(), "UNAUTHORIZED", reply.body().get("error").get("code").asText());
        } catch (java.io.IOException ex) {
            throw new AssertionError(ex);
        }
        try (Connection connection = connect(key)) {
            fail("the key still opens a wire session");
        } catch (SQLException expected) {
            assertEquals(expected.getMessage(), "28P01", expected.getSQLState());
        }
    }

    private static void assertField(Reply reply, String field) {
        assertEquals(reply.toString(), 400, reply.status());
        assertEquals(reply.toString(), "VALIDATION_ERROR", reply.body().get("error").get("code").asText());
        assertEquals(reply.toString(), field, reply.body().get("error").get("details").get("field").asText());
    }

    private static com.fasterxml.jackson.databind.JsonNode created(Reply reply) {
        assertTrue(reply.toString(), reply.status() == 201 || reply.status() == 200);
        return reply.body();
    }

    private static String assertSucceeded(Outcome outcome) {
        assertEquals(outcome.output(), 0, outcome.exitCode());
        return outcome.output();
    }
}
