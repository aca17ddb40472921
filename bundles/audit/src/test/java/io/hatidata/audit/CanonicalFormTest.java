package io.hatidata.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {
    private static final ChainKey CHAIN = new ChainKey(AuditLogKind.IAM, "org_1");

    private static Map<String, Object> values() {
        Map<String, Object> values = new HashMap<>();
        values.put("entry_id", "aud_1");
        values.put("ts", 1700000000000L);
        values.put("event_id", "evt_1");
        values.put("event_seq", 7L);
        values.put("actor_id", "usr_1");
        values.put("actor_type", "user");
        values.put("action", "user.role_changed");
        values.put("resource_type", "user");
        values.put("resource_id", "usr_2");
        values.put("before_state", "{\"role\":\"analyst\"}");
        values.put("after_state", "{\"role\":\"admin\"}");
        values.put("source_ip", "");
        return new ChainRecord(AuditLogKind.IAM, "org_1", values).values();
    }

    @Test
    void serializesMembersInTheDocumentedOrder() {
        String expected = "{\"v\":1,\"log\":\"iam\",\"chain_id\":\"org_1\",\"seq\":3,\"prev_hash\":\"" + "a".repeat(64)
                + "\",\"entry_id\":\"aud_1\",\"ts\":1700000000000,\"event_id\":\"evt_1\",\"event_seq\":7,"
                + "\"actor_id\":\"usr_1\",\"actor_type\":\"user\",\"action\":\"user.role_changed\","
                + "\"resource_type\":\"user\",\"resource_id\":\"usr_2\",\"before_state\":\"{\\\"role\\\":\\\"analyst\\\"}\","
                + "\"after_state\":\"{\\\"role\\\":\\\"admin\\\"}\",\"source_ip\":\"\",\"request_id\":null}";
        assertEquals(expected, CanonicalForm.serialize(CHAIN, 3, "a".repeat(64), values()));
    }

    @Test
    void hashIsSha256OfTheUtf8Serialization() throws Exception {
        String serialized = CanonicalForm.serialize(CHAIN, 3, CanonicalForm.GENESIS, values());
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(serialized.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, CanonicalForm.hash(CHAIN, 3, CanonicalForm.GENESIS, values()));
    }

    @Test
    void everyInputChangesTheHash() {
        String base = CanonicalForm.hash(CHAIN, 3, CanonicalForm.GENESIS, values());
        assertNotEquals(base, CanonicalForm.hash(CHAIN, 4, CanonicalForm.GENESIS, values()));
        assertNotEquals(base, CanonicalForm.hash(CHAIN, 3, "1".repeat(64), values()));
        assertNotEquals(base, CanonicalForm.hash(new ChainKey(AuditLogKind.IAM, "org_2"), 3, CanonicalForm.GENESIS, values()));
        Map<String, Object> changed = new HashMap<>(values());
        changed.put("source_ip", null);
        assertNotEquals(base, CanonicalForm.hash(CHAIN, 3, CanonicalForm.GENESIS, changed));
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        StringBuilder out = new StringBuilder();
        JsonText.appendString(out, "a\"b\\c\nd\u0001é");
        assertEquals("\"a\\\"b\\\\c\\u000ad\\u0001é\"", out.toString());
    }

    @Test
    void textIsCutToTheColumnSizeBeforeHashing() {
        Map<String, Object> values = new HashMap<>(values());
        values.put("actor_type", "x".repeat(50));
        assertEquals(20, ((String) new ChainRecord(AuditLogKind.IAM, "org_1", values).values().get("actor_type")).length());
    }
}
