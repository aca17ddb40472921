package io.hatidata.itests;

import static io.hatidata.itests.RestClient.apiKey;
import static io.hatidata.itests.RestClient.bearer;
import static io.hatidata.itests.RestClient.call;
import static io.hatidata.itests.RestClient.login;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatidata.api.audit.AuditService;
import io.hatidata.itests.RestClient.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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
import org.postgresql.Driver;

/**
 * The audit trails end to end: statements through pgjdbc and REST are read back over REST with their
 * literals redacted; an auditor reads and exports, an analyst cannot; editing one stored row is reported
 * as exactly that entry, deleting the tail through the signed checkpoint (the tampering is done inside
 * the container through the control-plane DataSource, as someone with database access would); IAM
 * events of the control plane land in the organization's chain.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuditIT extends HatiDataTestSupport {
    private static final String SECRET = "123-45-6789";

    @Inject
    @Filter(value = "(hatidata.datasource=control-plane)", timeout = 120_000)
    private DataSource controlPlane;

    /** The audit bundle is up (and so is its recorder in the pipeline). */
    @Inject
    @Filter(timeout = 120_000)
    private AuditService auditService;

    @Configuration
    public Option[] configuration() {
        Option[] base = baseConfiguration();
        Option[] options = Arrays.copyOf(base, base.length + 3);
        options[base.length] = editConfigurationFilePut("etc/io.hatidata.rest.cfg", "rateLimitsEnabled", "false");
        options[base.length + 1] = editConfigurationFilePut("etc/io.hatidata.rest.cfg", "authFailuresPerMinute", "0");
        options[base.length + 2] = editConfigurationFilePut("etc/io.hatidata.audit.cfg", "checkpointEveryEntries", "5");
        return options;
    }

    /** A fresh environment of the bootstrap organization with keys of the given roles, so each test has its own chain. */
    private record Tenant(String organization, String environment, Map<String, String> keys) {}

    private static Tenant tenant(String name) throws IOException {
        String token = login(null).get("access_token").asText();
        String organization = call("GET", "/v1/auth/me", bearer(token), null).body().get("org_id").asText();
        Reply environment = call("POST", "/v1/organizations/" + organization + "/environments", bearer(token),
                "{\"name\":\"" + name + "\"}");
        assertEquals(environment.toString(), 201, environment.status());
        String env = environment.body().get("env_id").asText();
        Map<String, String> keys = new java.util.HashMap<>();
        for (String role : new String[] {"developer", "analyst", "auditor"}) {
            Reply key = call("POST", "/v1/environments/" + env + "/api-keys", bearer(token),
                    "{\"name\":\"" + role + "\",\"role\":\"" + role + "\",\"scopes\":[\"admin\"]}");
            assertEquals(key.toString(), 201, key.status());
            keys.put(role, key.body().get("key").asText());
        }
        return new Tenant(organization, env, keys);
    }

    @Test
    public void statementsFromTheWireAndRestAreReadBackRedactedByAnAuditorButNotAnAnalyst() throws Exception {
        Tenant tenant = tenant("audited");
        try (Connection connection = connect(tenant.keys().get("developer")); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customers (id INTEGER, ssn VARCHAR)");
            statement.execute("INSERT INTO customers VALUES (1, '" + SECRET + "')");
            statement.execute("SET hatidata_agent_id = 'agent-7'");
            statement.execute("SET hatidata_framework = 'langchain'");
            try (ResultSet rows = statement.executeQuery("SELECT id FROM customers WHERE ssn = '" + SECRET + "'")) {
                assertTrue(rows.next());
            }
        }
        Reply rest = call("POST", "/v1/query", apiKey(tenant.keys().get("developer")),
                "{\"sql\":\"SELECT count(*) FROM customers WHERE id > 0\"}");
        assertEquals(rest.toString(), 200, rest.status());

        Map<String, String> auditor = apiKey(tenant.keys().get("auditor"));
        String base = "/v1/environments/" + tenant.environment() + "/audit/queries";
        Reply list = call("GET", base, auditor, null);
        assertEquals(list.toString(), 200, list.status());
        assertFalse("a literal reached the audit list: " + list, list.text().contains(SECRET));
        assertEquals(list.toString(), 4, list.body().get("pagination").get("total").asInt());
        JsonNode newest = list.body().get("data").get(0);
        assertEquals("SELECT count(*) FROM customers WHERE id > '[REDACTED]'", newest.get("sql").asText());
        assertEquals(rest.body().get("query_id").asText(), newest.get("query_id").asText());
        assertEquals("127.0.0.1", newest.get("source_ip").asText());
        JsonNode select = list.body().get("data").get(1);
        assertEquals("SELECT id FROM customers WHERE ssn = '[REDACTED]'", select.get("sql").asText());
        assertEquals("agent-7", select.get("agent_metadata").get("agent_id").asText());
        assertEquals("langchain", select.get("agent_metadata").get("framework").asText());
        assertEquals("127.0.0.1", select.get("source_ip").asText());
        assertEquals(1, select.get("rows_returned").asInt());
        assertTrue(select.toString(), select.get("tables_accessed").toString().contains("customers"));
        assertTrue(select.get("completed").asBoolean());
        assertEquals(select.get("intent").get("entry_hash").asText(), select.get("completion").get("prev_hash").asText());

        Reply filtered = call("GET", base + "?agent_id=agent-7&table=customers&start_date=2020-01-01", auditor, null);
        assertEquals(filtered.toString(), 1, filtered.body().get("pagination").get("total").asInt());
        Reply paged = call("GET", base + "?limit=3", auditor, null);
        assertTrue(paged.body().get("pagination").get("has_more").asBoolean());
        Reply rest2 = call("GET", base + "?limit=3&cursor=" + paged.body().get("pagination").get("cursor").asText(), auditor, null);
        assertEquals(rest2.toString(), 1, rest2.body().get("data").size());
        Reply one = call("GET", base + "/" + select.get("query_id").asText(), auditor, null);
        assertEquals(one.toString(), select.get("intent").get("entry_hash").asText(), one.body().get("intent").get("entry_hash").asText());
        Reply verify = call("GET", base + "/verify", auditor, null);
        assertTrue(verify.toString(), verify.body().get("chain_valid").asBoolean());
        assertEquals(verify.toString(), 8, verify.body().get("entry_count").asInt());

        String jsonl = raw(base + "/export?format=jsonl", tenant.keys().get("auditor"), 200);
        String[] lines = jsonl.split("\n");
        assertEquals(8, lines.length);
        for (String line : lines) {
            int cut = line.lastIndexOf(",\"entry_hash\":\"");
            String hash = line.substring(cut + 15, cut + 15 + 64);
            assertEquals(line, hash, sha256(line.substring(0, cut) + "}"));
        }
        String csv = raw(base + "/export?format=csv", tenant.keys().get("auditor"), 200);
        assertEquals(9, csv.split("\r\n").length);
        assertFalse(csv.contains(SECRET));

        Map<String, String> analyst = apiKey(tenant.keys().get("analyst"));
        for (String path : new String[] {base, base + "/verify", base + "/" + select.get("query_id").asText()}) {
            Reply refused = call("GET", path, analyst, null);
            assertEquals(refused.toString(), 403, refused.status());
        }
        raw(base + "/export?format=csv", tenant.keys().get("analyst"), 403);
        Reply iam = call("GET", "/v1/organizations/" + tenant.organization() + "/audit/iam", analyst, null);
        assertEquals(iam.toString(), 403, iam.status());
        Reply key = call("GET", "/v1/audit/signing-key", analyst, null);
        assertEquals("Ed25519", key.body().get("algorithm").asText());
    }

    @Test
    public void anAuditorCannotRunQueriesAndTheRefusalIsAudited() throws Exception {
        Tenant tenant = tenant("refusals");
        // the simple query protocol: with the extended one the refusal comes at Describe, before anything runs,
        // and describe-only requests are not audited
        Properties properties = new Properties();
        properties.setProperty("user", "auditor");
        properties.setProperty("password", tenant.keys().get("auditor"));
        properties.setProperty("preferQueryMode", "simple");
        try (Connection connection = new Driver().connect("jdbc:postgresql://127.0.0.1:" + pgPort() + "/hatidata", properties);
                Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 42");
            fail("an auditor ran a query");
        } catch (SQLException expected) {
            assertEquals("42501", expected.getSQLState());
        }
        Reply list = call("GET", "/v1/environments/" + tenant.environment() + "/audit/queries",
                apiKey(tenant.keys().get("auditor")), null);
        JsonNode entry = list.body().get("data").get(0);
        assertEquals(list.toString(), "42501", entry.get("sql_state").asText());
        assertEquals("SELECT '[REDACTED]'", entry.get("sql").asText());
        assertEquals("deny", entry.get("policy_verdicts").get(0).get("action").asText());
    }

    @Test
    public void editingOneRowIsReportedAsThatEntryAndDeletingTheTailThroughTheCheckpoint() throws Exception {
        Tenant tenant = tenant("tampered");
        try (Connection connection = connect(tenant.keys().get("developer")); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 12; i++) {
                statement.executeQuery("SELECT " + i).close();
            }
        }
        String verifyPath = "/v1/environments/" + tenant.environment() + "/audit/queries/verify";
        Map<String, String> auditor = apiKey(tenant.keys().get("auditor"));
        JsonNode clean = call("GET", verifyPath, auditor, null).body();
        assertTrue(clean.toString(), clean.get("chain_valid").asBoolean());
        assertEquals(24, clean.get("entry_count").asInt());
        assertEquals(clean.toString(), "valid", clean.get("checkpoint").get("status").asText());
        // a checkpoint is signed at the end of the batch that grew the chain by 5 or more since the last one; the
        // journal stores the 24 entries in batches of whatever size, so the last checkpoint is at 20 or later
        int signed = clean.get("checkpoint").get("seq").asInt();
        assertTrue(clean.toString(), signed >= 20 && signed <= 24);

        String original = stored(tenant.environment(), 7, "sql_redacted");
        String hash = stored(tenant.environment(), 7, "entry_hash");
        update("UPDATE audit_query_log SET sql_redacted = 'SELECT harmless' WHERE chain_id = ? AND seq = 7",
                tenant.environment());
        JsonNode edited = call("GET", verifyPath, auditor, null).body();
        assertFalse(edited.toString(), edited.get("chain_valid").asBoolean());
        assertEquals(edited.toString(), 7, edited.get("first_broken_index").asInt());
        assertEquals(hash, edited.get("first_broken_hash").asText());

        try (Connection connection = controlPlane.getConnection();
                PreparedStatement restore = connection.prepareStatement(
                        "UPDATE audit_query_log SET sql_redacted = ? WHERE chain_id = ? AND seq = 7")) {
            restore.setString(1, original);
            restore.setString(2, tenant.environment());
            assertEquals(1, restore.executeUpdate());
        }
        assertTrue(call("GET", verifyPath, auditor, null).body().get("chain_valid").asBoolean());

        update("DELETE FROM audit_query_log WHERE chain_id = ? AND seq > 18", tenant.environment());
        JsonNode truncated = call("GET", verifyPath, auditor, null).body();
        assertFalse(truncated.toString(), truncated.get("chain_valid").asBoolean());
        assertEquals(18, truncated.get("entry_count").asInt());
        assertEquals("truncated", truncated.get("checkpoint").get("status").asText());
        assertEquals(19, truncated.get("first_broken_index").asInt());
    }

    @Test
    public void controlPlaneChangesLandInTheOrganizationsIamChain() throws Exception {
        Tenant tenant = tenant("iam");
        Map<String, String> auditor = apiKey(tenant.keys().get("auditor"));
        String path = "/v1/organizations/" + tenant.organization() + "/audit/iam?action=key.created&resource_type=key&limit=200";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        java.util.List<JsonNode> found = new java.util.ArrayList<>();
        while (found.size() < 3) {
            found.clear();
            Reply page = call("GET", path, auditor, null);
            for (JsonNode each : page.body().get("data")) {
                if (tenant.environment().equals(each.get("after").path("environment_id").asText())) {
                    found.add(each);
                }
            }
            if (found.size() < 3) {
                assertTrue("the three keys' creation never reached the IAM audit: " + page, System.nanoTime() < deadline);
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        assertEquals(3, found.size());
        JsonNode first = found.get(0);
        assertEquals("user", first.get("actor_type").asText());
        assertTrue(first.get("resource_id").asText().startsWith("key_"));
        assertEquals(64, first.get("entry_hash").asText().length());
        JsonNode verified = call("GET", "/v1/organizations/" + tenant.organization() + "/audit/iam/verify", auditor, null).body();
        assertTrue(verified.toString(), verified.get("chain_valid").asBoolean());
        String csv = raw("/v1/organizations/" + tenant.organization() + "/audit/iam/export?format=csv",
                tenant.keys().get("auditor"), 200);
        assertTrue(csv.startsWith("log,chain_id,seq,prev_hash,entry_id"));
    }

    private String stored(String chain, long sequence, String column) throws SQLException {
        try (Connection connection = controlPlane.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + column + " FROM audit_query_log WHERE chain_id = ? AND seq = ?")) {
            select.setString(1, chain);
            select.setLong(2, sequence);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next());
                return rows.getString(1);
            }
        }
    }

    private void update(String sql, String chain) throws SQLException {
        try (Connection connection = controlPlane.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, chain);
            assertTrue(statement.executeUpdate() > 0);
        }
    }

    private static String raw(String path, String key, int expectedStatus) throws IOException {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + httpPort() + path).openConnection();
        http.setRequestProperty("X-API-Key", key);
        http.setReadTimeout(60_000);
        int status = http.getResponseCode();
        try (InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(text, expectedStatus, status);
            return text;
        } finally {
            http.disconnect();
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
