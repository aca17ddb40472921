package io.hatidata.itests;

import static io.hatidata.itests.RestClient.bearer;
import static io.hatidata.itests.RestClient.call;
import static io.hatidata.itests.RestClient.login;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatidata.itests.RestClient.Reply;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The result cache end to end (issue 11, SPEC 1.5) on the real distribution through pgjdbc: a repeated
 * SELECT is served from the cache and audited with {@code cache_hit = true}; a write makes the next read a
 * miss that sees it; two principals with different masking each get their own result, both cached, never
 * crossed; a policy change takes effect on the next statement; {@code now()} is never cached; an environment
 * whose {@code cache_enabled} is false never hits.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ResultCacheIT extends HatiDataTestSupport {

    @Configuration
    public Option[] configuration() {
        Option[] base = baseConfiguration();
        Option[] options = Arrays.copyOf(base, base.length + 1);
        options[base.length] = editConfigurationFilePut("etc/io.hatidata.rest.cfg", "rateLimitsEnabled", "false");
        return options;
    }

    /** An environment (cache on or off) with an owner key that loads, an analyst and an admin key. */
    private record Tenant(String token, String environment, String owner, String analyst, String admin) {}

    private static Tenant tenant(boolean cacheEnabled) throws Exception {
        String token = login(null).get("access_token").asText();
        String organization = call("GET", "/v1/auth/me", bearer(token), null).body().get("org_id").asText();
        String environment = created(call("POST", "/v1/organizations/" + organization + "/environments", bearer(token),
                "{\"name\":\"cache-" + UUID.randomUUID().toString().substring(0, 8) + "\"}")).get("env_id").asText();
        // before the environment's first statement, so the control plane has not cached its settings yet
        Reply patched = call("PUT", "/v1/environments/" + environment, bearer(token),
                "{\"settings\":{\"cache_enabled\":" + cacheEnabled + "}}");
        assertEquals(patched.toString(), 200, patched.status());
        String keys = "/v1/environments/" + environment + "/api-keys";
        String owner = created(call("POST", keys, bearer(token),
                "{\"name\":\"loader\",\"scopes\":[\"query:read\",\"query:write\",\"tables:create\"]}")).get("key").asText();
        String analyst = created(call("POST", keys, bearer(token),
                "{\"name\":\"analyst\",\"scopes\":[\"query:read\"],\"role\":\"analyst\"}")).get("key").asText();
        String admin = created(call("POST", keys, bearer(token),
                "{\"name\":\"admin\",\"scopes\":[\"query:read\"],\"role\":\"admin\"}")).get("key").asText();
        try (Connection connection = connect(owner); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customers (id INTEGER, email VARCHAR)");
            statement.execute("INSERT INTO customers VALUES (1, 'alice@example.com'), (2, 'bob@example.com')");
        }
        return new Tenant(token, environment, owner, analyst, admin);
    }

    @Test
    public void aRepeatedSelectIsAHitAndAnInsertMakesTheNextSelectAMissThatSeesTheNewRow() throws Exception {
        Tenant tenant = tenant(true);
        String select = "SELECT id, email FROM customers ORDER BY id";
        try (Connection connection = connect(tenant.owner()); Statement statement = connection.createStatement()) {
            assertEquals(List.of("1 alice@example.com", "2 bob@example.com"), rows(statement.executeQuery(select)));
            assertEquals(List.of("1 alice@example.com", "2 bob@example.com"), rows(statement.executeQuery(select)));
        }
        assertEquals(1, hits(tenant, select, true));
        assertEquals(1, hits(tenant, select, false));

        try (Connection connection = connect(tenant.owner()); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO customers VALUES (3, 'carol@example.com')");
            assertEquals(List.of("1 alice@example.com", "2 bob@example.com", "3 carol@example.com"),
                    rows(statement.executeQuery(select)));
            assertEquals(3, rows(statement.executeQuery(select)).size());
        }
        assertEquals("the read after the insert was a miss", 2, hits(tenant, select, false));
        assertEquals(2, hits(tenant, select, true));

        // prepared statements: the parameters are part of the key
        try (Connection connection = connect(tenant.owner());
                PreparedStatement byId = connection.prepareStatement("SELECT email FROM customers WHERE id = ?")) {
            for (int id : new int[] {1, 2, 1, 2, 3}) {
                byId.setInt(1, id);
                assertEquals(List.of(List.of("", "alice@example.com", "bob@example.com", "carol@example.com").get(id)),
                        rows(byId.executeQuery()));
            }
        }
        assertEquals(2, hits(tenant, "SELECT email FROM customers WHERE id = $1", true));

        // inside a transaction block nothing is served from the cache
        try (Connection connection = connect(tenant.owner())) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM customers WHERE id = 3");
                assertEquals(2, rows(statement.executeQuery(select)).size());
            }
            connection.rollback();
        }
        try (Connection connection = connect(tenant.owner()); Statement statement = connection.createStatement()) {
            assertEquals("the rolled-back delete is not visible", 3, rows(statement.executeQuery(select)).size());
        }
        assertEquals(2, hits(tenant, select, true));
    }

    @Test
    public void principalsWithDifferentMaskingSeeTheirOwnResultsAndAPolicyChangeAppliesAtOnce() throws Exception {
        Tenant tenant = tenant(true);
        String policies = "/v1/environments/" + tenant.environment() + "/policies";
        String policy = created(call("POST", policies, bearer(tenant.token()), "{\"name\":\"pii\",\"type\":\"column_masking\","
                + "\"rules\":[{\"table\":\"customers\",\"column\":\"email\",\"function\":\"full\",\"exempt_roles\":[\"owner\",\"admin\"]}]}"))
                .get("policy_id").asText();
        String select = "SELECT email FROM customers ORDER BY id";
        List<String> raw = List.of("alice@example.com", "bob@example.com");
        List<String> masked = List.of("***", "***");
        try (Connection admin = connect(tenant.admin()); Connection analyst = connect(tenant.analyst());
                Statement asAdmin = admin.createStatement(); Statement asAnalyst = analyst.createStatement()) {
            for (int i = 0; i < 3; i++) {
                assertEquals(raw, rows(asAdmin.executeQuery(select)));
                assertEquals(masked, rows(asAnalyst.executeQuery(select)));
            }
            assertEquals("two hits for each principal", 4, hits(tenant, select, true));

            Reply changed = call("PUT", policies + "/" + policy, bearer(tenant.token()), "{\"rules\":[{\"table\":\"customers\","
                    + "\"column\":\"email\",\"function\":\"partial\",\"visible_chars\":4,\"exempt_roles\":[\"owner\",\"admin\"]}]}");
            assertEquals(changed.toString(), 200, changed.status());
            assertEquals(List.of("***.com", "***.com"), rows(asAnalyst.executeQuery(select)));
            assertEquals(List.of("***.com", "***.com"), rows(asAnalyst.executeQuery(select)));
            assertEquals(raw, rows(asAdmin.executeQuery(select)));

            Reply disabled = call("PUT", policies + "/" + policy, bearer(tenant.token()), "{\"enabled\":false}");
            assertEquals(disabled.toString(), 200, disabled.status());
            assertEquals(raw, rows(asAnalyst.executeQuery(select)));
        }
        // after each change the next read of either principal was a miss (the policy context is in the key)
        assertEquals(5, hits(tenant, select, true));
    }

    @Test
    public void nowIsNeverCached() throws Exception {
        Tenant tenant = tenant(true);
        String select = "SELECT id, now() FROM customers ORDER BY id";
        try (Connection connection = connect(tenant.owner()); Statement statement = connection.createStatement()) {
            String first = rows(statement.executeQuery(select)).get(0);
            TimeUnit.MILLISECONDS.sleep(5);
            String second = rows(statement.executeQuery(select)).get(0);
            assertFalse(first + " / " + second, first.equals(second));
        }
        assertEquals(0, hits(tenant, select, true));
        assertEquals(2, hits(tenant, select, false));
    }

    @Test
    public void anEnvironmentWithCacheEnabledFalseNeverHits() throws Exception {
        Tenant tenant = tenant(false);
        String select = "SELECT id, email FROM customers ORDER BY id";
        try (Connection connection = connect(tenant.owner()); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 3; i++) {
                assertEquals(2, rows(statement.executeQuery(select)).size());
            }
        }
        assertEquals(0, hits(tenant, select, true));
        assertEquals(3, hits(tenant, select, false));
    }

    /**
     * How many audit completions of this statement (as the audit list shows it) have this {@code cache_hit},
     * asked through the list's {@code cache_hit} filter; waits a moment for the records the audit may still
     * be writing.
     */
    private static int hits(Tenant tenant, String sql, boolean cacheHit) throws Exception {
        int count = -1;
        for (int attempt = 0; attempt < 20; attempt++) {
            Reply list = call("GET", "/v1/environments/" + tenant.environment() + "/audit/queries?limit=200&cache_hit="
                    + cacheHit, bearer(tenant.token()), null);
            assertEquals(list.toString(), 200, list.status());
            int now = 0;
            for (JsonNode entry : list.body().get("data")) {
                assertEquals(entry.toString(), cacheHit, entry.get("cache_hit").asBoolean());
                if (entry.get("sql").asText().equals(sql)) {
                    now++;
                }
            }
            if (now == count) {
                return now;
            }
            count = now;
            TimeUnit.MILLISECONDS.sleep(250);
        }
        return count;
    }

    private static List<String> rows(ResultSet result) throws SQLException {
        try (result) {
            List<String> rows = new ArrayList<>();
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    private static JsonNode created(Reply reply) {
        assertEquals(reply.toString(), 201, reply.status());
        assertTrue(reply.toString(), reply.body().isObject());
        return reply.body();
    }
}
