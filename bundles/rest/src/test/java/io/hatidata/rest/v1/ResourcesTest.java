package io.hatidata.rest.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.pipeline.StageInfo;
import io.hatidata.api.query.Column;
import io.hatidata.api.query.ColumnType;
import io.hatidata.api.query.QueryException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoints' shapes. */
class ResourcesTest {
    private static final String KEY = FakeControlPlane.OWNER_KEY;
    private final ApiHarness api = new ApiHarness(false);

    @Test
    void loginRefreshAndMe() throws Exception {
        ApiHarness.Answer login = api.call("POST", "auth/login", "{\"email\":\"owner@example.com\",\"password\":\"right password\"}");
        assertEquals(200, login.status(), login.text());
        assertEquals(FakeControlPlane.TOKEN, login.json().get("token"));
        assertEquals(FakeControlPlane.TOKEN, login.json().get("access_token"));
        assertEquals(3600, login.json().get("expires_in"));
        assertEquals("org_a", ((Map<?, ?>) login.json().get("org")).get("id"));
        assertEquals("owner", ((Map<?, ?>) login.json().get("user")).get("role"));
        assertEquals("60", login.header("X-RateLimit-Limit"), "unauthenticated calls are limited per address");

        ApiHarness.Answer wrong = api.call("POST", "auth/login", "{\"email\":\"owner@example.com\",\"password\":\"nope\"}");
        assertEquals(401, wrong.status());
        assertEquals(400, api.call("POST", "auth/login", "{\"email\":\"owner@example.com\"}").status());

        ApiHarness.Answer accepted = api.call("POST", "auth/accept-invitation",
                "{\"token\":\"" + FakeControlPlane.INVITATION + "\",\"password\":\"a long new password\"}");
        assertEquals(200, accepted.status(), accepted.text());
        assertEquals(FakeControlPlane.TOKEN, accepted.json().get("token"));
        assertEquals("hdr_1.secret", accepted.json().get("refresh_token"));
        assertEquals("usr_new", ((Map<?, ?>) accepted.json().get("user")).get("id"));
        ApiHarness.Answer refused = api.call("POST", "auth/accept-invitation",
                "{\"token\":\"hd_inv_garbage\",\"password\":\"a long new password\"}");
        assertEquals(401, refused.status());
        assertEquals("UNAUTHORIZED", ((Map<?, ?>) refused.json().get("error")).get("code"));
        assertEquals(400, api.call("POST", "auth/accept-invitation", "{\"password\":\"a long new password\"}").status());

        ApiHarness.Answer refreshed = api.call("POST", "auth/refresh", "{\"refresh_token\":\"hdr_1.secret\"}");
        assertEquals(200, refreshed.status());
        assertEquals("hdr_2.secret", refreshed.json().get("refresh_token"));
        assertEquals(401, api.call("POST", "auth/refresh", "{\"refresh_token\":\"hdr_1.old\"}").status());
    }

    @Test
    void apiKeysShowTheSecretOnlyWhenCreatedOrRotated() throws Exception {
        ApiHarness.Answer created = api.call("POST", "environments/env_dev_a/api-keys",
                "{\"name\":\"reader\",\"scopes\":[\"query:read\"],\"expires_in_days\":90}", "X-API-Key", KEY);
        assertEquals(201, created.status(), created.text());
        assertEquals("hd_test_" + "c".repeat(32), created.json().get("key"));
        assertEquals(List.of("query:read"), created.json().get("scopes"));
        assertEquals("hd_test_cccc", created.json().get("prefix"));
        ApiHarness.Answer listed = api.call("GET", "environments/env_dev_a/api-keys", null, "X-API-Key", KEY);
        assertFalse(listed.text().contains("\"key\""), listed.text());
        assertFalse(api.call("GET", "environments/env_dev_a/api-keys/key_1", null, "X-API-Key", KEY).text().contains("\"key\""));

        ApiHarness.Answer rotated = api.call("POST", "environments/env_dev_a/api-keys/key_1/rotate", null, "X-API-Key", KEY);
        assertEquals(201, rotated.status(), rotated.text());
        assertEquals("key_1", rotated.json().get("old_key_id"));
        assertEquals(24, rotated.json().get("grace_period_hours"));
        assertEquals("hd_test_" + "d".repeat(32), rotated.json().get("new_key"));
        ApiHarness.Answer graced = api.call("POST", "environments/env_dev_a/api-keys/key_1/rotate",
                "{\"grace_period_hours\":2}", "X-API-Key", KEY);
        assertEquals(2, graced.json().get("grace_period_hours"));
        assertEquals(200, api.call("DELETE", "environments/env_dev_a/api-keys/key_1", null, "X-API-Key", KEY).status());
        assertEquals(404, api.call("GET", "environments/env_other/api-keys", null, "X-API-Key", KEY).status());
    }

    @Test
    void agentKeysUseTheSdkShapes() throws Exception {
        ApiHarness.Answer created = api.call("POST", "organizations/org_a/agent-keys", "{\"agent_name\":\"bot\"}", "X-API-Key", KEY);
        assertEquals(201, created.status(), created.text());
        assertEquals("hd_agent_" + "e".repeat(31), created.json().get("raw_key"));
        assertEquals("bot", created.json().get("agent_name"));
        assertEquals(400, api.call("POST", "organizations/org_a/agent-keys", "{}", "X-API-Key", KEY).status());
        assertFalse(api.call("GET", "organizations/org_a/agent-keys", null, "X-API-Key", KEY).text().contains("raw_key"));
        assertEquals("bot2", api.call("PUT", "organizations/org_a/agent-keys/key_1", "{\"agent_name\":\"bot2\"}",
                "X-API-Key", KEY).json().get("agent_name"));
        ApiHarness.Answer rotated = api.call("POST", "organizations/org_a/agent-keys/key_1/rotate", null, "X-API-Key", KEY);
        assertEquals("key_1", rotated.json().get("old_key_id"));
        assertEquals(24, rotated.json().get("grace_period_hours"));
        assertEquals(200, api.call("DELETE", "organizations/org_a/agent-keys/key_1", null, "X-API-Key", KEY).status());
        assertEquals(404, api.call("GET", "organizations/org_b/agent-keys", null, "X-API-Key", KEY).status());
    }

    @Test
    void organizationsEnvironmentsAndUsers() throws Exception {
        ApiHarness.Answer org = api.call("GET", "organizations/org_a", null, "X-API-Key", KEY);
        assertEquals("org_a", org.json().get("org_id"));
        assertEquals(Map.of("mfa_required", false, "enforce_sso", false), org.json().get("settings"));
        assertEquals(1, ((List<?>) api.call("GET", "orgs", null, "X-API-Key", KEY).json().get("data")).size());
        assertEquals(201, api.call("POST", "organizations", "{\"name\":\"N\",\"slug\":\"n\",\"billing_email\":\"b@n.test\"}",
                "Authorization", "Bearer " + FakeControlPlane.TOKEN).status());
        assertEquals(200, api.call("PATCH", "organizations/org_a", "{\"status\":\"suspended\"}", "X-API-Key", KEY).status());
        assertEquals(204, api.call("DELETE", "organizations/org_a", null, "X-API-Key", KEY).status());
        assertEquals(200, api.call("GET", "environments/env_dev_a", null, "X-API-Key", KEY).status());
        assertEquals(200, api.call("PATCH", "environments/env_dev_a", "{\"settings\":{\"cache_enabled\":true}}", "X-API-Key", KEY).status());
        assertEquals(204, api.call("DELETE", "environments/env_dev_a", null, "X-API-Key", KEY).status());

        ApiHarness.Answer invited = api.call("POST", "organizations/org_a/users", "{\"email\":\"n@example.com\",\"role\":\"analyst\"}",
                "X-API-Key", KEY);
        assertEquals(201, invited.status());
        assertEquals("usr_new", invited.json().get("user_id"));
        assertEquals(FakeControlPlane.INVITATION, invited.json().get("invitation_token"));
        assertEquals(false, invited.json().get("invitation_delivered"));
        assertEquals("2026-02-23T10:00:00Z", invited.json().get("invitation_expires_at"));
        ApiHarness.Answer resent = api.call("POST", "organizations/org_a/users/usr_b/invitation", null, "X-API-Key", KEY);
        assertEquals(200, resent.status(), resent.text());
        assertEquals(true, resent.json().get("invitation_delivered"));
        assertEquals(false, resent.json().containsKey("invitation_token"), "a delivered token is not shown to the inviter");
        assertEquals("admin", api.call("PUT", "organizations/org_a/users/usr_b/role", "{\"role\":\"admin\"}", "X-API-Key", KEY)
                .json().get("role"));
        assertEquals(200, api.call("POST", "organizations/org_a/users/usr_b/suspend", null, "X-API-Key", KEY).status());
        assertEquals(204, api.call("DELETE", "organizations/org_a/users/usr_b", null, "X-API-Key", KEY).status());
        assertEquals(1, ((List<?>) api.call("GET", "organizations/org_a/users?role=owner", null, "X-API-Key", KEY)
                .json().get("data")).size());
    }

    @Test
    void queriesRunThroughThePipeline() throws Exception {
        assertEquals(503, api.call("POST", "query", "{\"sql\":\"SELECT 1\"}", "X-API-Key", KEY).status());
        api.pipeline.set(new Pipeline() {
            @Override
            public void execute(io.hatidata.api.pipeline.QueryContext context) throws QueryException {
                if (context.sql().contains("missing")) {
                    throw new QueryException("42P01", "Table with name missing does not exist");
                }
                assertEquals("env_dev_a", context.session().identity().environmentId());
                assertEquals(List.of(7), context.parameters());
                context.sink().columns(List.of(new Column("id", ColumnType.INT4), new Column("day", ColumnType.DATE)));
                context.sink().row(new Object[] {7, LocalDate.of(2026, 1, 2)});
                context.sink().complete("SELECT 1");
            }

            @Override
            public List<StageInfo> stages() {
                return List.of();
            }
        });
        ApiHarness.Answer answer = api.call("POST", "query", "{\"sql\":\"SELECT $1\",\"params\":[7]}", "X-API-Key", KEY);
        assertEquals(200, answer.status(), answer.text());
        assertEquals(List.of(Map.of("name", "id", "type", "int4"), Map.of("name", "day", "type", "date")),
                answer.json().get("columns"));
        assertEquals(List.of(Map.of("id", 7, "day", "2026-01-02")), answer.json().get("rows"));
        assertTrue(answer.json().get("query_id").toString().startsWith("qry_"));
        assertTrue(answer.json().containsKey("execution_time_ms"));

        ApiHarness.Answer failed = api.call("POST", "query", "{\"sql\":\"SELECT * FROM missing\"}", "X-API-Key", KEY);
        assertEquals(400, failed.status());
        assertEquals("42P01", failed.json().get("sqlState"));
        assertEquals("42P01", ((Map<?, ?>) failed.error().get("details")).get("sql_state"));
        assertEquals(400, api.call("POST", "query", "{}", "X-API-Key", KEY).status());
    }

    @Test
    void transpileAnswersTheEngineSqlOrTheSqlState() throws Exception {
        assertEquals(503, api.call("POST", "transpile", "{\"sql\":\"SELECT 1\"}", "X-API-Key", KEY).status());
        api.transpiler.set(sql -> {
            if (sql.contains("MATCH_RECOGNIZE")) {
                throw new QueryException("0A000", "Snowflake construct not supported: MATCH_RECOGNIZE");
            }
            return sql.replace("IFF(", "CASE WHEN ");
        });
        ApiHarness.Answer answer = api.call("POST", "transpile", "{\"sql\":\"SELECT IFF(a\"}", "X-API-Key", KEY);
        assertEquals(200, answer.status(), answer.text());
        assertEquals("SELECT CASE WHEN a", answer.json().get("sql"));
        assertEquals(false, answer.json().get("hybrid"));
        ApiHarness.Answer refused = api.call("POST", "transpile", "{\"sql\":\"SELECT * FROM t MATCH_RECOGNIZE\"}",
                "X-API-Key", KEY);
        assertEquals(400, refused.status());
        assertEquals("0A000", refused.json().get("sqlState"));
        assertEquals(400, api.call("POST", "transpile", "{\"sql\":\"SELECT 1\",\"dialect\":\"oracle\"}",
                "X-API-Key", KEY).status());
        assertEquals(401, api.call("POST", "transpile", "{\"sql\":\"SELECT 1\"}").status());
    }
}
