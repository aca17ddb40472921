package io.hatidata.rest.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.StageInfo;
import io.hatidata.api.query.QueryException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy endpoints without a policy store, and how policy refusals are answered on /v1/query. */
class PolicyResourceTest {
    private static final String KEY = FakeControlPlane.OWNER_KEY;
    private final ApiHarness api = new ApiHarness(false);

    @Test
    void policyEndpointsAnswerAnErrorEnvelopeWhileTheStoreIsAway() throws Exception {
        ApiHarness.Answer listed = api.call("GET", "environments/env_dev_a/policies", null, "X-API-Key", KEY);
        assertEquals(503, listed.status(), listed.text());
        assertEquals("INTERNAL_ERROR", ((Map<?, ?>) listed.json().get("error")).get("code"));
    }

    @Test
    void aPolicyRefusalIs422PolicyViolationAndOther42501Are403() throws Exception {
        api.pipeline.set(new Pipeline() {
            @Override
            public void execute(QueryContext context) throws QueryException {
                if (context.sql().contains("customers")) {
                    throw new QueryException("42501", "permission denied by policy pii: dynamic SQL");
                }
                throw new QueryException("42501", "permission denied: the API key lacks the scope query:write");
            }

            @Override
            public List<StageInfo> stages() {
                return List.of();
            }
        });
        ApiHarness.Answer policy = api.call("POST", "query", "{\"sql\":\"SELECT * FROM customers\"}", "X-API-Key", KEY);
        assertEquals(422, policy.status(), policy.text());
        assertEquals("POLICY_VIOLATION", ((Map<?, ?>) policy.json().get("error")).get("code"));
        assertEquals("42501", policy.json().get("sqlState"));
        ApiHarness.Answer scope = api.call("POST", "query", "{\"sql\":\"INSERT INTO t VALUES (1)\"}", "X-API-Key", KEY);
        assertEquals(403, scope.status(), scope.text());
    }
}
