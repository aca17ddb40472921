package io.hatidata.api.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.query.ResultSink;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryContextTest {
    private static final Identity ANALYST = new Identity("org", "usr", "ana", "analyst", "env", "dev", "key");

    private static Identity as(String role) {
        return new Identity(ANALYST.organizationId(), ANALYST.userId(), ANALYST.userName(), role,
                ANALYST.environmentId(), ANALYST.environmentName(), ANALYST.keyId());
    }

    @Test
    void theEffectiveIdentityIsTheSessionsUntilAStageReplacesItAndCopiesKeepIt() {
        QueryContext context = QueryContext.of(new Session("ses", ANALYST, Map.of()), "qry", "SELECT 1",
                ResultSink.discarding());
        assertSame(ANALYST, context.identity());
        QueryContext elevated = context.withIdentity(as("admin"));
        assertEquals("admin", elevated.identity().role());
        assertEquals("analyst", elevated.session().identity().role(), "the session keeps the credential's role");
        assertEquals("admin", elevated.withSql("SELECT 2").describing().withSink(ResultSink.discarding())
                .withParameters(java.util.List.of()).identity().role());
        assertSame(context.attributes(), elevated.attributes());
        assertEquals("analyst", context.identity().role(), "earlier stages keep what they saw");
    }

    @Test
    void onlyTheRoleMayChange() {
        QueryContext context = QueryContext.of(new Session("ses", ANALYST, Map.of()), "qry", "SELECT 1",
                ResultSink.discarding());
        assertThrows(IllegalArgumentException.class, () -> context.withIdentity(
                new Identity("org_other", "usr", "ana", "admin", "env", "dev", "key")));
        assertThrows(IllegalArgumentException.class, () -> context.withIdentity(
                new Identity("org", "usr", "ana", "admin", "env", "dev", "key_other")));
    }
}
