package io.hatidata.itests;

import static io.hatidata.itests.RestClient.apiKey;
import static io.hatidata.itests.RestClient.call;
import static io.hatidata.itests.RestClient.login;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatidata.itests.RestClient.Reply;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Provisioning (issue 10) against the distribution: warehouse shadow against a real PostgreSQL, and
 * just-in-time elevation honoured at once on REST and on
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
            JsonNode expired = null;
            for (JsonNode each : sdk.get("data")) {
                if (each.get("id").asText().equals(request.get("request_id").asText())) {
                    expired = each;
                }
            }
            assertTrue(sdk.toString(), expired != null);
            assertEquals("admin", expired.get("target_role").asText());
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

    /**
     * Warehouse shadow against a real PostgreSQL: the same two tables in PostgreSQL and HatiData, 100
     * statements through pgjdbc with shadow on (one write among them), the caller getting PostgreSQL's
     * answers, and a statement whose answer differs ({@code 7 / 2}: integer division in PostgreSQL, 3.5 in
     * HatiData) reported as the one mismatch with both results.
     */
    @Test
    public void aShadowRunOfOneHundredStatementsReportsItsMatchRateAndTheMismatch() throws Exception {
        Optional<PostgresServer> started = PostgresServer.start();
        Assume.assumeTrue("PostgreSQL's server programs are not installed (/usr/lib/postgresql/*/bin)", started.isPresent());
        try (PostgresServer postgres = started.get()) {
            String ownerKey = bootstrapKey();
            Map<String, String> owner = apiKey(ownerKey);
            String env = call("GET", "/v1/auth/me", owner, null).body().get("env_id").asText();
            List<String> setup = List.of(
                    "CREATE TABLE shadow_customers (id INTEGER, name VARCHAR(40), country VARCHAR(2))",
                    "CREATE TABLE shadow_orders (id INTEGER, customer_id INTEGER, amount DECIMAL(10,2), placed_at TIMESTAMP,"
                            + " note VARCHAR(40))",
                    "INSERT INTO shadow_customers VALUES (1, 'Ada', 'GB'), (2, 'Grace', 'US'), (3, 'Edsger', 'NL'),"
                            + " (4, 'Barbara', 'US')");
            StringBuilder orders = new StringBuilder("INSERT INTO shadow_orders VALUES ");
            for (int i = 1; i <= 40; i++) {
                orders.append(i == 1 ? "" : ", ").append('(').append(i).append(", ").append(1 + i % 4).append(", ")
                        .append(i * 7 % 100).append('.').append(i % 10).append(i % 3).append(", TIMESTAMP '2024-0")
                        .append(1 + i % 9).append('-').append(10 + i % 18).append(" 1").append(i % 10).append(":30:00', ")
                        .append(i % 5 == 0 ? "NULL" : "'note " + i + "'").append(')');
            }
            try (Connection source = postgres.connect(); Connection hatidata = connect(ownerKey)) {
                for (String each : concat(setup, List.of(orders.toString()))) {
                    execute(source, each);
                    execute(hatidata, each);
                }
            }

            Reply refused = call("POST", "/v1/environments/" + env + "/shadow-mode", owner,
                    "{\"source\":{\"jdbc_url\":\"jdbc:mysql://127.0.0.1/x\"}}");
            assertEquals(refused.toString(), 400, refused.status());
            assertEquals("source.jdbc_url", refused.body().at("/error/details/field").asText());
            Reply start = call("POST", "/v1/environments/" + env + "/shadow-mode", owner,
                    "{\"source\":{\"jdbc_url\":\"" + postgres.jdbcUrl() + "\",\"user\":\"hatidata\",\"password\":\"unused-with-trust\"},"
                            + "\"sample_rate\":1,\"tolerance\":1e-9}");
            assertEquals(start.toString(), 201, start.status());
            assertEquals("running", start.body().get("state").asText());
            assertTrue("the password is never echoed", !start.text().contains("unused-with-trust"));

            List<String> statements = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                statements.add("SELECT count(*) FROM shadow_orders WHERE amount > " + (i * 4));
                statements.add("SELECT id, amount, placed_at, note FROM shadow_orders WHERE id BETWEEN " + i + " AND " + (i + 5)
                        + " ORDER BY id");
                statements.add("SELECT c.name, sum(o.amount) AS total, count(o.note) AS noted FROM shadow_orders o"
                        + " JOIN shadow_customers c ON c.id = o.customer_id WHERE o.id <= " + (i * 2) + " GROUP BY c.name");
                statements.add("SELECT avg(amount), min(placed_at), max(placed_at) FROM shadow_orders WHERE customer_id = "
                        + (1 + i % 4));
            }
            for (int i = 1; i <= 17; i++) {
                statements.add("SELECT note IS NULL AS missing, upper(coalesce(note, 'none')) FROM shadow_orders WHERE id = " + i);
            }
            statements.add("INSERT INTO shadow_orders VALUES (41, 2, 10.50, TIMESTAMP '2024-05-05 05:05:05', NULL)");
            statements.add("SELECT count(*), sum(amount) FROM shadow_orders");
            int differing = statements.size();
            statements.add("SELECT 7 / 2 AS half");
            assertEquals(100, statements.size());
            Object answer = null;
            try (Connection wire = connect(ownerKey); Statement statement = wire.createStatement()) {
                for (int i = 0; i < statements.size(); i++) {
                    if (statement.execute(statements.get(i)) && i == differing) {
                        try (ResultSet rows = statement.getResultSet()) {
                            rows.next();
                            answer = rows.getObject(1);
                        }
                    }
                }
            }
            assertEquals("the caller gets the source's answer", 3, answer);

            JsonNode status = call("GET", "/v1/environments/" + env + "/shadow-mode", owner, null).body();
            JsonNode mismatches = call("GET", "/v1/environments/" + env + "/shadow-mode/mismatches", owner, null).body();
            assertEquals(status + "\n" + mismatches, 100, status.get("total").asLong());
            assertEquals(status + "\n" + mismatches, 1, status.get("mismatched").asLong());
            assertEquals(99, status.get("matched").asLong());
            assertEquals(0.99, status.get("match_rate").asDouble(), 1e-12);
            assertEquals(1, mismatches.get("data").size());
            JsonNode mismatch = mismatches.get("data").get(0);
            assertEquals("SELECT 7 / 2 AS half", mismatch.get("sql").asText());
            assertEquals("[[3]]", mismatch.at("/source/rows").toString());
            assertEquals("[[3.5]]", mismatch.at("/hatidata/rows").toString());
            assertTrue(mismatch.get("reason").asText(), mismatch.get("reason").asText().contains("source 3, hatidata 3.5"));

            Reply stopped = call("DELETE", "/v1/environments/" + env + "/shadow-mode", owner, null);
            assertEquals("stopped", stopped.body().get("state").asText());
            try (Connection wire = connect(ownerKey); Statement statement = wire.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT 7 / 2")) {
                rows.next();
                assertEquals("after the run HatiData answers again", 3.5, rows.getDouble(1), 0);
            }
        }
    }

    /**
     * The agent registry and capabilities: an agent registers on its first statement (wire: options
     * {@code -c hatidata_agent_id=…}; REST: {@code X-Agent-Id}) with an {@code hd_agt_} fingerprint; without
     * capabilities it runs as before; a grant narrows it to its tables, writes and row limit; a change and a
     * revocation apply to the next statement of the same connection.
     */
    @Test
    public void agentsRegisterOnFirstUseAndCapabilitiesNarrowWhatTheyMayRun() throws Exception {
        String ownerKey = bootstrapKey();
        Map<String, String> owner = apiKey(ownerKey);
        String env = call("GET", "/v1/auth/me", owner, null).body().get("env_id").asText();
        try (Connection setup = connect(ownerKey)) {
            execute(setup, "CREATE TABLE agent_data (a INTEGER)");
            execute(setup, "INSERT INTO agent_data VALUES (1), (2), (3), (4), (5)");
            execute(setup, "CREATE TABLE agent_secret (b INTEGER)");
        }
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", "admin");
        properties.setProperty("password", ownerKey);
        properties.setProperty("options", "-c hatidata_agent_id=report-bot -c hatidata_framework=langchain");
        try (Connection agent = new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + pgPort() + "/hatidata",
                properties)) {
            assertEquals(5, count(agent, "SELECT * FROM agent_secret UNION ALL SELECT * FROM agent_data"));
            JsonNode agents = call("GET", "/v1/environments/" + env + "/agents", owner, null).body().get("data");
            JsonNode registered = null;
            for (JsonNode each : agents) {
                if (each.get("agent_id").asText().equals("report-bot")) {
                    registered = each;
                }
            }
            assertTrue(agents.toString(), registered != null);
            assertEquals("report-bot", registered.get("agent_id").asText());
            assertEquals("langchain", registered.get("framework").asText());
            assertEquals("provisional", registered.get("trust_level").asText());
            String fingerprint = registered.get("fingerprint").asText();
            assertTrue(fingerprint, fingerprint.matches("hd_agt_[a-z0-9]{8}"));
            String agentPath = "/v1/environments/" + env + "/agents/" + fingerprint;
            assertEquals("verified", call("PUT", agentPath + "/trust-level", owner, "{\"trust_level\":\"verified\"}")
                    .body().get("trust_level").asText());
            assertEquals(400, call("PUT", agentPath + "/trust-level", owner, "{\"trust_level\":\"god\"}").status());

            String capabilities = "/v1/environments/" + env + "/agent-capabilities";
            JsonNode granted = created(call("POST", capabilities, owner,
                    "{\"agent_id\":\"report-bot\",\"capability\":\"query:read\",\"tables\":[\"agent_data\"],\"max_rows\":3}"));
            assertEquals(fingerprint, granted.get("fingerprint").asText());
            String capability = capabilities + "/" + granted.get("capability_id").asText();
            assertSqlState("42501", agent, "SELECT * FROM agent_secret");
            assertEquals(2, count(agent, "SELECT a FROM agent_data WHERE a <= 2"));
            assertSqlState("54000", agent, "SELECT a FROM agent_data");
            assertSqlState("42501", agent, "INSERT INTO agent_data VALUES (6)");

            Reply changed = call("PUT", capability, owner, "{\"capability\":\"query:write\",\"tables\":[\"agent_data\"]}");
            assertEquals(changed.toString(), 200, changed.status());
            execute(agent, "INSERT INTO agent_data VALUES (6)");
            assertEquals(6, count(agent, "SELECT a FROM agent_data"));
            assertSqlState("42501", agent, "SELECT * FROM agent_secret");

            assertEquals(204, call("DELETE", capability, owner, null).status());
            assertEquals(0, count(agent, "SELECT * FROM agent_secret"));
            assertEquals(0, call("GET", capabilities, owner, null).body().get("data").size());
        }
        Map<String, String> restAgent = new java.util.HashMap<>(owner);
        restAgent.put("X-Agent-Id", "rest-bot");
        assertEquals(200, call("POST", "/v1/query", restAgent, "{\"sql\":\"SELECT 1\"}").status());
        assertEquals("rest-bot", call("GET", "/v1/environments/" + env + "/agents/rest-bot", owner, null).body()
                .get("agent_id").asText());
        assertEquals(404, call("GET", "/v1/environments/" + env + "/agents/nobody", owner, null).status());
    }

    /**
     * Policy shadow (issue 10, shadow kind 1): a masking, a row-level security and an ABAC-deny policy created in
     * shadow mode change nothing for 24 statements of an analyst on the wire and over REST (the answers equal
     * those before the policies existed), while the report counts exactly the statements evaluated and the
     * would-be masks, filters and denials; promoted to enforce, the same statements are refused, then (the deny
     * removed) filtered and masked.
     */
    @Test
    public void shadowPoliciesRecordWouldBeDecisionsWithoutChangingResultsUntilPromoted() throws Exception {
        String ownerKey = bootstrapKey();
        Map<String, String> owner = apiKey(ownerKey);
        String env = call("GET", "/v1/auth/me", owner, null).body().get("env_id").asText();
        try (Connection setup = connect(ownerKey)) {
            execute(setup, "CREATE TABLE pshadow_orders (id INTEGER, email VARCHAR, region VARCHAR)");
            execute(setup, "INSERT INTO pshadow_orders VALUES (1, 'ann@example.com', 'eu'), (2, 'bob@example.com', 'us'),"
                    + " (3, 'cy@example.com', 'eu'), (4, 'di@example.com', 'apac')");
            execute(setup, "CREATE TABLE pshadow_other (n INTEGER)");
            execute(setup, "INSERT INTO pshadow_other VALUES (10), (20)");
        }
        Map<String, String> analyst = apiKey(created(call("POST", "/v1/environments/" + env + "/api-keys", owner,
                "{\"name\":\"shadow analyst\",\"role\":\"analyst\",\"scopes\":[\"query:read\"]}")).get("key").asText());
        List<String> governed = List.of(
                "SELECT id, email, region FROM pshadow_orders ORDER BY id",
                "SELECT count(*) FROM pshadow_orders",
                "SELECT email FROM pshadow_orders WHERE id = 1",
                "SELECT upper(email) AS e FROM pshadow_orders ORDER BY e",
                "SELECT region, count(*) AS n FROM pshadow_orders GROUP BY region ORDER BY region",
                "SELECT o.id FROM pshadow_orders o JOIN pshadow_other t ON o.id * 10 = t.n ORDER BY o.id",
                "WITH x AS (SELECT * FROM pshadow_orders) SELECT max(id) FROM x",
                "SELECT id FROM pshadow_orders WHERE region = 'eu' ORDER BY id",
                "SELECT length(email) FROM pshadow_orders ORDER BY id",
                "SELECT id FROM pshadow_orders UNION ALL SELECT n FROM pshadow_other ORDER BY 1");
        List<String> ungoverned = List.of("SELECT 1", "SELECT n FROM pshadow_other ORDER BY n", "SELECT sum(n) FROM pshadow_other",
                "SELECT 'a' || 'b'", "SELECT 2 + 3", "SELECT n * 2 FROM pshadow_other ORDER BY 1", "SELECT current_date IS NOT NULL",
                "SELECT count(*) FROM pshadow_other", "SELECT max(n) FROM pshadow_other", "SELECT 42 AS answer");
        List<String> rest = List.of("SELECT email FROM pshadow_orders ORDER BY id", "SELECT n FROM pshadow_other ORDER BY n",
                "SELECT id FROM pshadow_orders WHERE id > 2 ORDER BY id", "SELECT 7 AS seven");
        int statements = governed.size() + ungoverned.size() + rest.size();
        int governedStatements = governed.size() + 2;

        try (Connection wire = connect(analyst.get("X-API-Key"))) {
            List<String> before = answers(wire, analyst, concat(governed, ungoverned), rest);
            String policies = "/v1/environments/" + env + "/policies";
            String masking = created(call("POST", policies, owner, "{\"name\":\"shadow pii\",\"type\":\"column_masking\","
                    + "\"mode\":\"shadow\",\"rules\":[{\"table\":\"pshadow_orders\",\"column\":\"email\",\"function\":\"full\","
                    + "\"exempt_roles\":[\"owner\",\"admin\"]}]}")).get("policy_id").asText();
            JsonNode rls = created(call("POST", policies, owner, "{\"name\":\"shadow eu only\",\"type\":\"row_level_security\","
                    + "\"mode\":\"shadow\",\"rules\":[{\"table\":\"pshadow_orders\",\"filter\":\"region = 'eu'\","
                    + "\"exempt_roles\":[\"owner\",\"admin\"]}]}"));
            assertEquals("shadow", rls.get("mode").asText());
            String filter = rls.get("policy_id").asText();
            String deny = created(call("POST", policies, owner, "{\"name\":\"shadow no analysts\",\"type\":\"abac\","
                    + "\"mode\":\"shadow\",\"effect\":\"deny\",\"description\":\"analysts may not read orders\","
                    + "\"actions\":[\"query\"],\"resources\":[\"table:pshadow_orders\"],"
                    + "\"conditions\":{\"principal.role\":{\"in\":[\"analyst\"]}}}")).get("policy_id").asText();
            assertEquals("enforce", created(call("POST", policies, owner, "{\"name\":\"default mode\",\"type\":\"abac\","
                    + "\"enabled\":false,\"effect\":\"deny\",\"actions\":[\"query\"],\"conditions\":{\"role\":{\"in\":[\"nobody\"]}}}"))
                    .get("mode").asText());
            assertEquals(400, call("PUT", policies + "/" + deny, owner, "{\"mode\":\"loud\"}").status());

            List<String> during = answers(wire, analyst, concat(governed, ungoverned), rest);
            assertEquals("shadow policies change no result", before, during);

            JsonNode maskReport = report(owner, env, masking);
            assertEquals(maskReport.toString(), statements, maskReport.get("statements_evaluated").asInt());
            assertEquals(maskReport.toString(), governedStatements, maskReport.get("would_mask").asInt());
            assertEquals(0, maskReport.get("would_filter").asInt());
            assertEquals(0, maskReport.get("would_deny").asInt());
            assertEquals(1, maskReport.get("distinct_principals").asInt());
            assertEquals(0, maskReport.get("dropped").asInt());
            assertTrue(maskReport.toString(), !maskReport.get("first_seen").isNull() && !maskReport.get("last_seen").isNull());
            JsonNode sample = maskReport.get("samples").get(0);
            assertEquals("mask", sample.get("decision").asText());
            assertEquals("analyst", sample.get("role").asText());
            assertTrue(sample.toString(), sample.get("columns").toString().contains("pshadow_orders.email"));
            JsonNode filterReport = report(owner, env, filter);
            assertEquals(filterReport.toString(), statements, filterReport.get("statements_evaluated").asInt());
            assertEquals(filterReport.toString(), governedStatements, filterReport.get("would_filter").asInt());
            assertEquals(0, filterReport.get("would_mask").asInt());
            assertTrue(filterReport.toString(), filterReport.get("samples").get(0).get("detail").asText().contains("region = 'eu'"));
            JsonNode denyReport = report(owner, env, deny);
            assertEquals(denyReport.toString(), statements, denyReport.get("statements_evaluated").asInt());
            assertEquals(denyReport.toString(), governedStatements, denyReport.get("would_deny").asInt());
            assertEquals("analysts may not read orders", denyReport.get("samples").get(0).get("detail").asText());
            assertTrue("literals are redacted", decisions(owner, env, filter, "filter", 50, null).toString()
                    .contains("region = '[REDACTED]'"));

            // the decision list pages, newest first
            JsonNode first = decisions(owner, env, deny, "deny", 5, null);
            assertEquals(5, first.get("data").size());
            assertEquals(governedStatements, first.get("pagination").get("total").asInt());
            assertTrue(first.get("pagination").get("has_more").asBoolean());
            JsonNode second = decisions(owner, env, deny, "deny", 50, first.get("pagination").get("cursor").asText());
            assertEquals(governedStatements - 5, second.get("data").size());
            assertEquals(statements, decisions(owner, env, deny, null, 200, null).get("data").size());
            assertEquals(400, call("GET", policies + "/" + deny + "/shadow-decisions?decision=maybe", owner, null).status());

            // permissions and tenant isolation like the policy endpoints
            assertEquals(403, call("GET", policies + "/" + deny + "/shadow-report", analyst, null).status());
            assertEquals(404, call("GET", policies + "/pol_doesnotexist/shadow-report", owner, null).status());
            String token = login(null).get("access_token").asText();
            Reply other = call("POST", "/v1/organizations", RestClient.bearer(token),
                    "{\"name\":\"Shadow Other\",\"slug\":\"shadow-other\",\"billing_email\":\"billing@shadow.example\"}");
            String otherToken = login(created(other).get("org_id").asText()).get("access_token").asText();
            Map<String, String> theirs = RestClient.bearer(otherToken);
            String otherEnv = call("GET", "/v1/organizations/" + other.body().get("org_id").asText() + "/environments", theirs,
                    null).body().get("data").get(0).get("env_id").asText();
            assertEquals(404, call("GET", policies + "/" + deny + "/shadow-report", theirs, null).status());
            assertEquals(404, call("GET", "/v1/environments/" + otherEnv + "/policies/" + deny + "/shadow-report", theirs,
                    null).status());
            assertEquals(404, call("GET", policies + "/" + deny + "/shadow-decisions", theirs, null).status());

            // promoted: enforced at the next statement
            for (String id : List.of(masking, filter, deny)) {
                Reply promoted = call("PUT", policies + "/" + id, owner, "{\"mode\":\"enforce\"}");
                assertEquals(promoted.toString(), "enforce", promoted.body().get("mode").asText());
            }
            assertSqlState("42501", wire, "SELECT id FROM pshadow_orders");
            assertEquals(422, call("POST", "/v1/query", analyst, "{\"sql\":\"SELECT id FROM pshadow_orders\"}").status());
            assertEquals(List.of("10", "20"), rows(wire, "SELECT n FROM pshadow_other ORDER BY n"));
            assertEquals(204, call("DELETE", policies + "/" + deny, owner, null).status());
            assertEquals(List.of("1|***|eu", "3|***|eu"), rows(wire, "SELECT id, email, region FROM pshadow_orders ORDER BY id"));
            assertEquals("promoted policies record no more shadow decisions", statements,
                    report(owner, env, masking).get("statements_evaluated").asInt());
            for (String id : List.of(masking, filter)) {
                assertEquals(204, call("DELETE", policies + "/" + id, owner, null).status());
            }
            assertEquals(before.get(0), String.join(";", rows(wire, governed.get(0))));
        }
    }

    /**
     * A capability's {@code credits_per_day}: with 3 credits a day, three narrowed reads of one credit each run
     * (one before the capability was granted), the fourth is refused with 53400 on the wire and 429 over REST
     * before it runs; revoking the capability lifts the limit.
     */
    @Test
    public void anAgentsCreditsPerDayRefuseTheStatementThatWouldExceedThem() throws Exception {
        String ownerKey = bootstrapKey();
        Map<String, String> owner = apiKey(ownerKey);
        String env = call("GET", "/v1/auth/me", owner, null).body().get("env_id").asText();
        // an agent key: billable (the development environment's hd_test_ keys are recorded, never billed)
        String org = call("GET", "/v1/auth/me", owner, null).body().get("org_id").asText();
        String key = created(call("POST", "/v1/organizations/" + org + "/agent-keys",
                RestClient.bearer(login(null).get("access_token").asText()),
                "{\"agent_name\":\"credit-bot\",\"environment\":\"" + env + "\"}")).get("raw_key").asText();
        try (Connection setup = connect(ownerKey)) {
            execute(setup, "CREATE TABLE credit_data (a INTEGER)");
            execute(setup, "INSERT INTO credit_data VALUES (1), (2), (3)");
        }
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", "credit");
        properties.setProperty("password", key);
        properties.setProperty("options", "-c hatidata_agent_id=credit-bot");
        try (Connection agent = new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + pgPort() + "/hatidata",
                properties)) {
            assertEquals(List.of("1"), rows(agent, "SELECT a FROM credit_data WHERE a = 1")); // registers the agent
            String capability = "/v1/environments/" + env + "/agent-capabilities/" + created(call("POST",
                    "/v1/environments/" + env + "/agent-capabilities", owner, "{\"agent_id\":\"credit-bot\","
                            + "\"capability\":\"query:read\",\"tables\":[\"credit_data\"],\"credits_per_day\":3}"))
                    .get("capability_id").asText();
            assertEquals(List.of("2"), rows(agent, "SELECT a FROM credit_data WHERE a = 2"));
            assertEquals(List.of("3"), rows(agent, "SELECT a FROM credit_data WHERE a = 3"));
            try (Statement statement = agent.createStatement()) {
                statement.executeQuery("SELECT a FROM credit_data WHERE a = 1");
                fail("the fourth credit of the day must be refused");
            } catch (SQLException ex) {
                assertEquals(ex.getMessage(), "53400", ex.getSQLState());
                assertTrue(ex.getMessage(), ex.getMessage().contains("credits_per_day"));
                assertTrue(ex.getMessage(), ex.getMessage().contains("credit-bot"));
            }
            Map<String, String> rest = new java.util.HashMap<>(apiKey(key));
            rest.put("X-Agent-Id", "credit-bot");
            Reply refused = call("POST", "/v1/query", rest, "{\"sql\":\"SELECT a FROM credit_data WHERE a = 2\"}");
            assertEquals(refused.toString(), 429, refused.status());
            assertEquals(refused.toString(), "QUOTA_EXCEEDED", refused.body().path("error").path("code").asText());
            assertEquals(204, call("DELETE", capability, owner, null).status());
            assertEquals("without the capability the agent is not limited", List.of("1"),
                    rows(agent, "SELECT a FROM credit_data WHERE a = 1"));
        }
    }

    /**
     * A just-in-time elevation reaches the governance stages: a masking policy exempts {@code admin}; an analyst
     * sees masked data, is elevated to admin and sees raw data on the next statement (same connection, and over
     * REST), and after {@code expires_at}, with nobody acting, sees masked data again.
     */
    @Test
    public void aJitElevationUnmasksUntilItExpires() throws Exception {
        String ownerKey = bootstrapKey();
        Map<String, String> owner = apiKey(ownerKey);
        String env = call("GET", "/v1/auth/me", owner, null).body().get("env_id").asText();
        String keys = "/v1/environments/" + env + "/api-keys";
        Map<String, String> analyst = apiKey(created(call("POST", keys, owner,
                "{\"name\":\"masked analyst\",\"role\":\"analyst\",\"scopes\":[\"admin\"]}")).get("key").asText());
        Map<String, String> admin = apiKey(created(call("POST", keys, owner,
                "{\"name\":\"approver\",\"role\":\"admin\",\"scopes\":[\"admin\"]}")).get("key").asText());
        try (Connection setup = connect(ownerKey)) {
            execute(setup, "CREATE TABLE jit_customers (id INTEGER, email VARCHAR)");
            execute(setup, "INSERT INTO jit_customers VALUES (1, 'ann@example.com')");
        }
        String policy = created(call("POST", "/v1/environments/" + env + "/policies", owner,
                "{\"name\":\"jit pii\",\"type\":\"column_masking\",\"rules\":[{\"table\":\"jit_customers\","
                        + "\"column\":\"email\",\"function\":\"full\",\"exempt_roles\":[\"admin\",\"owner\"]}]}"))
                .get("policy_id").asText();
        String query = "{\"sql\":\"SELECT email FROM jit_customers\"}";
        try (Connection wire = connect(analyst.get("X-API-Key"))) {
            assertEquals(List.of("***"), rows(wire, "SELECT email FROM jit_customers"));
            assertEquals("***", call("POST", "/v1/query", analyst, query).body().get("rows").get(0).get("email").asText());
            JsonNode request = created(call("POST", "/v1/environments/" + env + "/jit-access", analyst,
                    "{\"requested_role\":\"admin\",\"reason\":\"look at pii\",\"duration_minutes\":0.2}"));
            Reply approved = call("POST", "/v1/environments/" + env + "/jit-access/" + request.get("request_id").asText()
                    + "/approve", admin, null);
            assertEquals(approved.toString(), 200, approved.status());
            Instant expiresAt = Instant.parse(approved.body().get("expires_at").asText());

            assertEquals(List.of("ann@example.com"), rows(wire, "SELECT email FROM jit_customers"));
            assertEquals("ann@example.com", call("POST", "/v1/query", analyst, query).body().get("rows").get(0)
                    .get("email").asText());
            assertTrue("the test must observe the elevation before it ends", Instant.now().isBefore(expiresAt));

            Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 200);
            assertEquals(List.of("***"), rows(wire, "SELECT email FROM jit_customers"));
            assertEquals("***", call("POST", "/v1/query", analyst, query).body().get("rows").get(0).get("email").asText());
        } finally {
            call("DELETE", "/v1/environments/" + env + "/policies/" + policy, owner, null);
        }
    }

    /** Each statement's answer ("|"-joined columns, ";"-joined rows, or the SQLSTATE): the wire, then REST. */
    private static List<String> answers(Connection wire, Map<String, String> caller, List<String> onWire, List<String> overRest)
            throws Exception {
        List<String> result = new ArrayList<>();
        for (String each : onWire) {
            try {
                result.add(String.join(";", rows(wire, each)));
            } catch (SQLException ex) {
                result.add("SQLSTATE " + ex.getSQLState());
            }
        }
        for (String each : overRest) {
            Reply reply = call("POST", "/v1/query", caller, RestClient.JSON.writeValueAsString(Map.of("sql", each)));
            result.add(reply.status() + " " + reply.body().path("rows"));
        }
        return result;
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rows.getObject(i)));
                }
                result.add(String.join("|", values));
            }
            return result;
        }
    }

    private static JsonNode report(Map<String, String> caller, String env, String policy) throws Exception {
        Reply reply = call("GET", "/v1/environments/" + env + "/policies/" + policy + "/shadow-report", caller, null);
        assertEquals(reply.toString(), 200, reply.status());
        return reply.body();
    }

    private static JsonNode decisions(Map<String, String> caller, String env, String policy, String decision, int limit,
            String cursor) throws Exception {
        StringBuilder path = new StringBuilder("/v1/environments/" + env + "/policies/" + policy
                + "/shadow-decisions?limit=" + limit);
        if (decision != null) {
            path.append("&decision=").append(decision);
        }
        if (cursor != null) {
            path.append("&cursor=").append(cursor);
        }
        Reply reply = call("GET", path.toString(), caller, null);
        assertEquals(reply.toString(), 200, reply.status());
        return reply.body();
    }

    private static int count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int result = 0;
            while (rows.next()) {
                result++;
            }
            return result;
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> result = new ArrayList<>(first);
        result.addAll(second);
        return result;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
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
