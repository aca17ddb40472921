package io.hatidata.itests;

import static io.hatidata.itests.RestClient.apiKey;
import static io.hatidata.itests.RestClient.bearer;
import static io.hatidata.itests.RestClient.call;
import static io.hatidata.itests.RestClient.login;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventListener;
import io.hatidata.itests.RestClient.Reply;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Billing end to end on the real distribution: two agents' keys run a known set of statements over
 * pgjdbc and REST, and the usage endpoints report exactly what docs/billing.md's formula gives; a small
 * monthly limit refuses the next statement with 53400 on the wire and 429 QUOTA_EXCEEDED over REST and
 * publishes billing.warning and billing.quota_exceeded; max_rows_per_query ends a streaming result with
 * 53400; a restart of the billing bundle loses no usage (checked over REST and in the store's rows); the
 * free tier's max_environments refuses a third environment; four sessions of one agent under load are
 * metered exactly.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BillingIT extends HatiDataTestSupport {

    @Inject
    private BundleContext bundleContext;

    @Inject
    @Filter(value = "(hatidata.datasource=control-plane)", timeout = 120_000)
    private DataSource controlPlane;

    @Configuration
    public Option[] configuration() {
        Option[] base = baseConfiguration();
        Option[] options = Arrays.copyOf(base, base.length + 3);
        options[base.length] = editConfigurationFilePut("etc/io.hatidata.rest.cfg", "rateLimitsEnabled", "false");
        options[base.length + 1] = editConfigurationFilePut("etc/io.hatidata.billing.cfg", "enforceTierDefaults", "true");
        options[base.length + 2] = editConfigurationFilePut("etc/io.hatidata.billing.cfg", "flushIntervalMs", "200");
        return options;
    }

    @Test
    public void usageQuotasAndRestart() throws Exception {
        List<DomainEvent> events = new CopyOnWriteArrayList<>();
        ServiceRegistration<DomainEventListener> listener = bundleContext.registerService(DomainEventListener.class,
                events::add, null);
        String token = login(null).get("access_token").asText();
        Map<String, String> owner = bearer(token);
        JsonNode me = call("GET", "/v1/auth/me", owner, null).body();
        String org = me.get("org_id").asText();
        String env = call("GET", "/v1/auth/me", apiKey(bootstrapKey()), null).body().get("env_id").asText();

        // setup with an hd_test_ key of the development environment: recorded, never billed
        String setupKey = created(call("POST", "/v1/environments/" + env + "/api-keys", owner,
                "{\"name\":\"setup\",\"scopes\":[\"query:read\",\"query:write\",\"tables:create\"]}")).get("key").asText();
        assertTrue(setupKey, setupKey.startsWith("hd_test_"));
        try (Connection connection = connect(setupKey); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE items (id INTEGER, name VARCHAR)");
            statement.execute("CREATE TABLE orders (item_id INTEGER, qty INTEGER)");
            statement.execute("CREATE TABLE big AS SELECT range AS id FROM range(25000)");
            statement.execute("INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            statement.execute("INSERT INTO orders VALUES (1, 2), (2, 1)");
        }
        String alpha = agentKey(owner, org, env, "agent-alpha");
        String beta = agentKey(owner, org, env, "agent-beta");
        String alphaId = keyId(owner, org, "agent-alpha");

        // agent alpha over pgjdbc: 1.0 + 4.0 + 1.5 + 3.0 + 1.0 = 10.5 credits in 5 statements
        try (Connection connection = connect(alpha); Statement statement = connection.createStatement()) {
            statement.execute("SET application_name = 'billing-it'"); // session control is free
            assertEquals(1, rows(statement, "SELECT id FROM items WHERE id = 1"));            // 1.0
            assertEquals(3, rows(statement, "SELECT * FROM items"));                          // 1 + 2 full scan + 1 star
            assertEquals(1, rows(statement, "SELECT i.name FROM items i JOIN orders o ON o.item_id = i.id"
                    + " WHERE o.qty > 1"));                                                    // 1 + 0.5 table
            assertEquals(25_000, rows(statement, "SELECT id FROM big WHERE id >= 0"));        // 1 + 2 × 10,000 rows
            assertEquals(1, statement.executeUpdate("INSERT INTO orders VALUES (3, 5)"));     // 1.0
        }
        // agent beta over REST: 1.0 + 1.0 + 1.0 + 3.0 = 6.0 credits in 4 statements
        assertEquals(1, query(beta, "SELECT name FROM items WHERE id = 2").body().get("row_count").asInt());
        assertEquals("UPDATE 1", query(beta, "UPDATE items SET name = 'z' WHERE id = 3").body().get("command_tag").asText());
        assertEquals("DELETE 1", query(beta, "DELETE FROM orders WHERE qty = 5").body().get("command_tag").asText());
        assertEquals(1, query(beta, "SELECT max(id) FROM items").body().get("row_count").asInt()); // full scan 3.0

        JsonNode usage = ok(call("GET", "/v1/organizations/" + org + "/billing/usage", owner, null));
        assertUsage(usage, env);
        assertEquals(5, usage.at("/breakdown/test_keys/query_count").asInt());
        JsonNode hourly = ok(call("GET", "/v1/organizations/" + org + "/billing/usage?group_by=hour&start_date="
                + LocalDate.now(ZoneOffset.UTC) + "&end_date=" + LocalDate.now(ZoneOffset.UTC), owner, null));
        double sum = 0;
        for (JsonNode each : hourly.at("/breakdown/by_day")) {
            sum += each.get("credits_used").asDouble();
        }
        assertEquals(24, hourly.at("/breakdown/by_day").size());
        assertEquals(16.5, sum, 0);
        assertAgents(owner, org, alphaId);
        assertEquals(403, call("GET", "/v1/organizations/" + org + "/billing/usage", apiKey(alpha), null).status());
        assertEquals(400, call("GET", "/v1/organizations/" + org + "/billing/usage?group_by=month", owner, null).status());

        // a monthly limit of 17 credits: 16.5 used, every further metered statement would pass it
        JsonNode quotas = ok(call("PUT", "/v1/organizations/" + org + "/billing/quotas", owner,
                "{\"quotas\":{\"monthly_credit_limit\":17},\"alerts\":{\"thresholds\":[80,100]}}"));
        assertEquals(17, quotas.at("/quotas/monthly_credit_limit").asInt());
        assertEquals(10, quotas.at("/quotas/max_concurrent_queries").asInt()); // free tier default
        try (Connection connection = connect(alpha); Statement statement = connection.createStatement()) {
            statement.execute("SET application_name = 'still-free'");
            try {
                statement.executeQuery("SELECT id FROM items WHERE id = 1");
                fail("the statement past the monthly limit ran");
            } catch (SQLException expected) {
                assertEquals(expected.getMessage(), "53400", expected.getSQLState());
                assertTrue(expected.getMessage(), expected.getMessage().contains("monthly_credit_limit"));
            }
        }
        Reply refused = query(beta, "SELECT name FROM items WHERE id = 2");
        assertEquals(refused.toString(), 429, refused.status());
        assertEquals("QUOTA_EXCEEDED", refused.body().at("/error/code").asText());
        assertEquals("53400", refused.body().get("sqlState").asText());
        try (Connection connection = connect(setupKey); Statement statement = connection.createStatement()) {
            assertEquals(3, rows(statement, "SELECT id FROM items")); // hd_test_ keys are never refused
        }
        await("billing.warning at 80 % and billing.quota_exceeded", () -> types(events).containsAll(
                List.of("billing.warning", "billing.quota_exceeded")));
        assertEquals(List.of("80"), events.stream().filter(each -> each.type().equals("billing.warning"))
                .map(each -> each.data().get("threshold_percent")).toList());
        DomainEvent exceeded = events.stream().filter(each -> each.type().equals("billing.quota_exceeded"))
                .findFirst().orElseThrow();
        assertEquals("monthly_credit_limit", exceeded.data().get("quota"));
        assertEquals(org, exceeded.organizationId());

        // max_rows_per_query: a streaming result past it ends with 53400, an estimable one is refused first
        ok(call("PUT", "/v1/organizations/" + org + "/billing/quotas", owner,
                "{\"quotas\":{\"monthly_credit_limit\":null,\"max_rows_per_query\":10000}}"));
        try (Connection connection = connect(alpha); Statement statement = connection.createStatement()) {
            assertQuotaError(statement, "SELECT id FROM big WHERE id >= 0", "more than 10000 rows");
            assertQuotaError(statement, "SELECT * FROM big", "would return about 25000 rows");
            assertEquals(1, rows(statement, "SELECT id FROM big WHERE id = 7"));
        }

        // restart the billing bundle: the roll-ups are in the store and the report is unchanged
        JsonNode before = ok(call("GET", "/v1/organizations/" + org + "/billing/usage", owner, null));
        Bundle billing = Arrays.stream(bundleContext.getBundles())
                .filter(each -> "io.hatidata.billing".equals(each.getSymbolicName())).findFirst().orElseThrow();
        billing.stop();
        assertEquals(503, call("GET", "/v1/organizations/" + org + "/billing/usage", owner, null).status());
        billing.start();
        await("billing is back", () -> status(owner, org) == 200);
        JsonNode after = ok(call("GET", "/v1/organizations/" + org + "/billing/usage", owner, null));
        assertEquals(before.get("totals"), after.get("totals"));
        assertEquals(before.get("breakdown"), after.get("breakdown"));
        assertEquals(before.at("/totals/credits_used").asDouble(), storedCredits(org), 0);
        assertEquals(10_000, after.at("/totals/row_count").asLong() - usage.at("/totals/row_count").asLong() - 1);

        // under load: 4 sessions of one agent (named by the session setting) × 50 statements, totals exact
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Integer>> loads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            loads.add(pool.submit(() -> {
                try (Connection connection = connectAs(alpha, "load-agent"); Statement statement = connection.createStatement()) {
                    int result = 0;
                    for (int i = 0; i < 50; i++) {
                        result += rows(statement, "SELECT id FROM items WHERE id = 1");
                    }
                    return result;
                }
            }));
        }
        for (java.util.concurrent.Future<Integer> each : loads) {
            assertEquals(50, (int) each.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        JsonNode load = ok(call("GET", "/v1/organizations/" + org + "/billing/usage/agents/load-agent", owner, null));
        assertEquals(200, load.get("total_queries").asInt());
        assertEquals(200.0, load.get("total_credits").asDouble(), 0);
        JsonNode loaded = ok(call("GET", "/v1/organizations/" + org + "/billing/usage", owner, null));
        assertEquals(after.at("/totals/credits_used").asDouble() + 200, loaded.at("/totals/credits_used").asDouble(), 0);

        // the free tier has 2 environments: development and one more
        created(call("POST", "/v1/organizations/" + org + "/environments", owner, "{\"name\":\"analytics\"}"));
        Reply third = call("POST", "/v1/organizations/" + org + "/environments", owner, "{\"name\":\"third\"}");
        assertEquals(third.toString(), 429, third.status());
        assertEquals("QUOTA_EXCEEDED", third.body().at("/error/code").asText());
        assertEquals("max_environments", third.body().at("/error/details/quota").asText());
        listener.unregister();
    }

    /** 16.5 credits, 9 statements: 6 select, 1 insert, 1 update, 1 delete, all in one environment and today. */
    private static void assertUsage(JsonNode usage, String env) {
        assertEquals(usage.toString(), 16.5, usage.at("/totals/credits_used").asDouble(), 0);
        assertEquals(9, usage.at("/totals/query_count").asInt());
        assertEquals(16.5, usage.at("/credits/used").asDouble(), 0);
        assertEquals(1000, usage.at("/credits/limit").asInt()); // free tier
        assertEquals(983.5, usage.at("/credits/remaining").asDouble(), 0);
        assertEquals("free", usage.get("tier").asText());
        JsonNode queries = usage.at("/breakdown/queries");
        assertEquals(List.of(9, 6, 1, 1, 1, 0), List.of(queries.get("total").asInt(), queries.get("select").asInt(),
                queries.get("insert").asInt(), queries.get("update").asInt(), queries.get("delete").asInt(),
                queries.get("other").asInt()));
        JsonNode environments = usage.at("/breakdown/by_environment");
        assertEquals(1, environments.size());
        assertEquals(env, environments.get(0).get("env_id").asText());
        assertEquals("development", environments.get(0).get("name").asText());
        assertEquals(16.5, environments.get(0).get("credits_used").asDouble(), 0);
        JsonNode days = usage.at("/breakdown/by_day");
        JsonNode today = days.get(days.size() - 1);
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), today.get("date").asText());
        assertEquals(16.5, today.get("credits_used").asDouble(), 0);
        assertEquals(9, today.get("query_count").asInt());
    }

    private static void assertAgents(Map<String, String> owner, String org, String alphaId) throws Exception {
        JsonNode alpha = ok(call("GET", "/v1/organizations/" + org + "/billing/usage/agents/agent-alpha", owner, null));
        assertEquals(10.5, alpha.get("total_credits").asDouble(), 0);
        assertEquals(5, alpha.get("total_queries").asInt());
        assertEquals(4, alpha.at("/queries/select").asInt());
        JsonNode beta = ok(call("GET", "/v1/organizations/" + org + "/billing/usage/agents/agent-beta", owner, null));
        assertEquals(6.0, beta.get("total_credits").asDouble(), 0);
        assertEquals(4, beta.get("total_queries").asInt());
        JsonNode key = ok(call("GET", "/v1/organizations/" + org + "/agent-keys/" + alphaId + "/usage", owner, null));
        assertEquals(10.5, key.get("total_credits").asDouble(), 0);
        assertTrue(key.get("billable").asBoolean());
        assertEquals(key, ok(call("GET", "/v1/organizations/" + org + "/billing/usage/keys/" + alphaId, owner, null)));
        assertEquals(404, call("GET", "/v1/organizations/" + org + "/billing/usage/keys/key_nope", owner, null).status());
    }

    private static void assertQuotaError(Statement statement, String sql, String text) {
        try {
            statement.executeQuery(sql).close();
            fail(sql + " returned a result past max_rows_per_query");
        } catch (SQLException expected) {
            assertEquals(expected.getMessage(), "53400", expected.getSQLState());
            assertTrue(expected.getMessage(), expected.getMessage().contains(text));
        }
    }

    private String agentKey(Map<String, String> owner, String org, String env, String name) throws Exception {
        return created(call("POST", "/v1/organizations/" + org + "/agent-keys", owner,
                "{\"agent_name\":\"" + name + "\",\"environment\":\"" + env + "\"}")).get("raw_key").asText();
    }

    private static String keyId(Map<String, String> owner, String org, String name) throws Exception {
        for (JsonNode each : ok(call("GET", "/v1/organizations/" + org + "/agent-keys", owner, null)).get("data")) {
            if (name.equals(each.get("agent_name").asText())) {
                return each.get("key_id").asText();
            }
        }
        throw new AssertionError("no agent key " + name);
    }

    private static Reply query(String key, String sql) throws Exception {
        return call("POST", "/v1/query", apiKey(key), RestClient.JSON.writeValueAsString(Map.of("sql", sql)));
    }

    /** A pgjdbc connection whose session names its agent ({@code options=-c hatidata_agent_id=…}). */
    private static Connection connectAs(String key, String agent) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", "agent");
        properties.setProperty("password", key);
        properties.setProperty("options", "-c hatidata_agent_id=" + agent);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + pgPort() + "/hatidata", properties);
    }

    private static int status(Map<String, String> owner, String org) {
        try {
            return call("GET", "/v1/organizations/" + org + "/billing/usage", owner, null).status();
        } catch (Exception ex) {
            return -1;
        }
    }

    private double storedCredits(String org) throws SQLException {
        try (Connection connection = controlPlane.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT SUM(credits_milli) FROM billing_usage_hourly"
                        + " WHERE billable = 1 AND org_id = '" + org + "'")) {
            assertTrue(result.next());
            return result.getLong(1) / 1000.0;
        }
    }

    private static int rows(Statement statement, String sql) throws SQLException {
        int result = 0;
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                result++;
            }
        }
        return result;
    }

    private static List<String> types(List<DomainEvent> events) {
        return events.stream().map(DomainEvent::type).toList();
    }

    private static JsonNode ok(Reply reply) {
        assertEquals(reply.toString(), 200, reply.status());
        return reply.body();
    }

    private static JsonNode created(Reply reply) {
        assertEquals(reply.toString(), 201, reply.status());
        return reply.body();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
