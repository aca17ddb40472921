package io.hatidata.rest.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The audit endpoints while no audit service runs, and their input checks. */
class AuditResourceTest {
    private static final String KEY = FakeControlPlane.OWNER_KEY;
    private final ApiHarness api = new ApiHarness(false);

    @Test
    void everyEndpointAnswers503WhileNoAuditServiceRuns() throws Exception {
        for (String path : new String[] {"environments/env_dev_a/audit/queries", "environments/env_dev_a/audit/queries/qry_1",
                "environments/env_dev_a/audit/queries/verify", "environments/env_dev_a/audit/queries/export",
                "organizations/org_a/audit/iam", "organizations/org_a/audit/iam/verify",
                "organizations/org_a/audit/iam/export?format=csv", "audit/signing-key"}) {
            ApiHarness.Answer answer = api.call("GET", path, null, "X-API-Key", KEY);
            assertEquals(503, answer.status(), path + ": " + answer.text());
            assertEquals("INTERNAL_ERROR", ((java.util.Map<?, ?>) answer.json().get("error")).get("code"));
        }
    }

    @Test
    void writesAreNotEndpoints() throws Exception {
        assertEquals(405, api.call("DELETE", "environments/env_dev_a/audit/queries/qry_1", null, "X-API-Key", KEY).status());
        assertEquals(405, api.call("POST", "organizations/org_a/audit/iam", "{}", "X-API-Key", KEY).status());
        assertEquals(401, api.call("GET", "environments/env_dev_a/audit/queries", null).status());
    }
}
