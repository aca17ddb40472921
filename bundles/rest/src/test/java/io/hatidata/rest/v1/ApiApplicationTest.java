package io.hatidata.rest.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cross-cutting conventions of SPEC §1.8 over the real Jersey application. */
class ApiApplicationTest {
    private static final String KEY = FakeControlPlane.OWNER_KEY;
    private final ApiHarness api = new ApiHarness(true);

    @Test
    void acceptsEveryApiKeyFormAndAccessTokens() throws Exception {
        for (String[] header : List.of(new String[] {"X-API-Key", KEY}, new String[] {"Authorization", "ApiKey " + KEY},
                new String[] {"Authorization", "Bearer " + KEY}, new String[] {"Authorization", "Bearer " + FakeControlPlane.TOKEN},
                new String[] {"Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + KEY).getBytes())})) {
            ApiHarness.Answer answer = api.call("GET", "auth/me", null, header[0], header[1]);
            assertEquals(200, answer.status(), header[1] + ": " + answer.text());
            assertEquals("org_a", answer.json().get("org_id"));
            assertEquals("usr_a", answer.json().get("user_id"));
            assertEquals("owner", answer.json().get("role"));
            assertEquals("free", answer.json().get("tier"));
        }
        assertEquals("192.0.2.7", api.controlPlane.remoteAddresses.get(0), "the client address reaches the allowlist check");
        assertEquals("jwt", api.call("GET", "auth/me", null, "Authorization", "Bearer " + FakeControlPlane.TOKEN)
                .json().get("auth_method"));
    }

    @Test
    void refusesMissingAndWrongCredentialsWithTheEnvelope() throws Exception {
        ApiHarness.Answer missing = api.call("GET", "auth/me", null);
        assertEquals(401, missing.status());
        assertEquals("UNAUTHORIZED", missing.error().get("code"));
        assertEquals(Map.of(), missing.error().get("details"));
        assertTrue(missing.error().get("request_id").toString().startsWith("req_"));
        assertEquals(missing.error().get("request_id"), missing.header("X-Request-Id"));
        assertNotNull(missing.header("WWW-Authenticate"));

        ApiHarness.Answer wrong = api.call("GET", "auth/me", null, "X-API-Key", "hd_live_" + "z".repeat(32));
        assertEquals(401, wrong.status());
        assertEquals("invalid credentials", wrong.error().get("message"));
        assertEquals(401, api.call("GET", "auth/me", null, "Authorization", "Digest abc").status());
    }

    @Test
    void throttlesAddressesThatGuessCredentials() throws Exception {
        ApiHarness guarded = new ApiHarness(false);
        for (int i = 0; i < AuthenticationFilter.MAX_FAILURES_PER_MINUTE; i++) {
            assertEquals(401, guarded.call("GET", "auth/me", null, "X-API-Key", "hd_live_" + "z".repeat(32)).status());
        }
        ApiHarness.Answer refused = guarded.call("GET", "auth/me", null, "X-API-Key", KEY);
        assertEquals(429, refused.status());
        assertEquals("RATE_LIMITED", refused.error().get("code"));
        assertNotNull(refused.header("Retry-After"));
    }

    @Test
    void keepsASaneClientRequestId() throws Exception {
        ApiHarness.Answer answer = api.call("GET", "auth/me", null, "X-API-Key", KEY, "X-Request-Id", "trace-42");
        assertEquals("trace-42", answer.header("X-Request-Id"));
        ApiHarness.Answer insane = api.call("GET", "auth/me", null, "X-API-Key", KEY, "X-Request-Id", "a b<c>");
        assertTrue(insane.header("X-Request-Id").startsWith("req_"));
    }

    @Test
    void jerseysOwnErrorsUseTheEnvelope() throws Exception {
        ApiHarness.Answer unknown = api.call("GET", "no/such/thing", null, "X-API-Key", KEY);
        assertEquals(404, unknown.status());
        assertEquals("NOT_FOUND", unknown.error().get("code"));
        ApiHarness.Answer method = api.call("PATCH", "auth/me", "{}", "X-API-Key", KEY);
        assertEquals(405, method.status());
        assertEquals("VALIDATION_ERROR", method.error().get("code"));
        ApiHarness.Answer type = api.call("POST", "organizations/org_a/environments", "name=x",
                "X-API-Key", KEY, "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(415, type.status());
        assertEquals("VALIDATION_ERROR", type.error().get("code"));
        ApiHarness.Answer malformed = api.call("POST", "organizations/org_a/environments", "{\"name\": ", "X-API-Key", KEY);
        assertEquals(400, malformed.status(), malformed.text());
        assertEquals("VALIDATION_ERROR", malformed.error().get("code"));
        assertNotNull(malformed.error().get("request_id"));
        ApiHarness.Answer notAnObject = api.call("POST", "organizations/org_a/environments", "[1,2]", "X-API-Key", KEY);
        assertEquals(400, notAnObject.status(), notAnObject.text());
    }

    @Test
    void validationErrorsNameTheField() throws Exception {
        ApiHarness.Answer answer = api.call("POST", "organizations/org_a/environments", "{\"settings\":{}}", "X-API-Key", KEY);
        assertEquals(400, answer.status());
        assertEquals(Map.of("field", "name", "constraint", "required"), answer.error().get("details"));
        ApiHarness.Answer type = api.call("POST", "organizations/org_a/environments",
                "{\"name\":\"x\",\"settings\":{\"query_timeout_ms\":\"soon\"}}", "X-API-Key", KEY);
        assertEquals(400, type.status());
        assertEquals(Map.of("field", "query_timeout_ms", "constraint", "type"), type.error().get("details"));
        ApiHarness.Answer limit = api.call("GET", "organizations/org_a/environments?limit=500", null, "X-API-Key", KEY);
        assertEquals(400, limit.status());
        assertEquals("limit", ((Map<?, ?>) limit.error().get("details")).get("field"));
        assertEquals(400, api.call("GET", "organizations/org_a/environments?limit=ten", null, "X-API-Key", KEY).status());
    }

    @Test
    void controlPlaneRefusalsMapToTheirCodes() throws Exception {
        ApiHarness.Answer other = api.call("GET", "organizations/org_b", null, "X-API-Key", KEY);
        assertEquals(404, other.status());
        assertEquals("NOT_FOUND", other.error().get("code"));
        ApiHarness.Answer forbidden = api.call("POST", "organizations/org_a/environments", "{\"name\":\"x\"}",
                "X-API-Key", FakeControlPlane.ANALYST_KEY);
        assertEquals(403, forbidden.status());
        assertEquals("FORBIDDEN", forbidden.error().get("code"));
    }

    @Test
    void pagesCarryTheCursorEnvelope() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(201, api.call("POST", "organizations/org_a/environments", "{\"name\":\"e" + i + "\"}",
                    "X-API-Key", KEY).status());
        }
        ApiHarness.Answer first = api.call("GET", "organizations/org_a/environments?limit=3", null, "X-API-Key", KEY);
        assertEquals(3, ((List<?>) first.json().get("data")).size());
        Map<?, ?> pagination = (Map<?, ?>) first.json().get("pagination");
        assertEquals(true, pagination.get("has_more"));
        assertEquals(4, pagination.get("total"));
        ApiHarness.Answer second = api.call("GET", "organizations/org_a/environments?limit=3&cursor=" + pagination.get("cursor"),
                null, "X-API-Key", KEY);
        assertEquals(1, ((List<?>) second.json().get("data")).size());
        assertNull(((Map<?, ?>) second.json().get("pagination")).get("cursor"));
        Map<?, ?> env = (Map<?, ?>) ((List<?>) first.json().get("data")).get(0);
        assertEquals(Map.of("host", "db.example.com", "port", 5439, "database", "hatidata"), env.get("connection"));
        assertEquals("2026-02-16T10:00:00Z", env.get("created_at"));
    }

    @Test
    void rateLimitsPerIdentityByTier() throws Exception {
        ApiHarness.Answer answer = api.call("GET", "auth/me", null, "X-API-Key", KEY);
        assertEquals("60", answer.header("X-RateLimit-Limit"));
        assertEquals("59", answer.header("X-RateLimit-Remaining"));
        assertTrue(Long.parseLong(answer.header("X-RateLimit-Reset")) > System.currentTimeMillis() / 1000);
        ApiHarness.Answer limited = null;
        for (int i = 0; i < 12 && limited == null; i++) {
            ApiHarness.Answer each = api.call("GET", "auth/me", null, "X-API-Key", KEY);
            if (each.status() == 429) {
                limited = each;
            }
        }
        assertNotNull(limited, "the free tier's burst of 10 per second is enforced");
        assertEquals("RATE_LIMITED", limited.error().get("code"));
        assertNotNull(limited.header("Retry-After"));
        assertEquals(200, api.call("GET", "auth/me", null, "X-API-Key", FakeControlPlane.ANALYST_KEY).status(),
                "another identity has its own budget");
    }
}
