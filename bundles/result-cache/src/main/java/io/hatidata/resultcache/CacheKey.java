package io.hatidata.resultcache;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a cached result is valid for. Two statements share a result only when every part is equal:
 *
 * <ul>
 *   <li>tenant: organization and environment;
 *   <li>principal: user, user name, API key, role, and the session's {@code agent_id} and {@code framework}
 *       (the facts masking and row-level rules select on);
 *   <li>policy context: the environment's enabled policies with their versions and the principal's stored
 *       attributes ({@link PolicyContext});
 *   <li>the statement as the engine runs it (after row filters, masks and translation), normalized;
 *   <li>the bound parameters (type and value; {@code byte[]} by content);
 *   <li>the versions of the tables it reads ({@link TableVersions.Snapshot}).
 * </ul>
 */
record CacheKey(String organizationId, String environmentId, String userId, String userName, String keyId,
        String role, String agentId, String framework, String policyContext, String sql, List<Object> parameters,
        TableVersions.Snapshot versions) {

    CacheKey {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(policyContext, "policyContext");
        Objects.requireNonNull(sql, "sql");
        parameters = comparable(parameters);
        Objects.requireNonNull(versions, "versions");
    }

    /** The parameters with {@code byte[]} values as read-only buffers, which compare by content. */
    private static List<Object> comparable(List<Object> parameters) {
        List<Object> result = new ArrayList<>(parameters.size());
        for (Object each : parameters) {
            result.add(each instanceof byte[] bytes ? ByteBuffer.wrap(bytes.clone()).asReadOnlyBuffer() : each);
        }
        return Collections.unmodifiableList(result);
    }

    /** The estimated size of the key in memory. */
    long bytes() {
        long size = 200 + 2L * sql.length() + 2L * policyContext.length();
        for (Object each : parameters) {
            size += each instanceof ByteBuffer buffer ? 48 + buffer.capacity() : Values.sizeOfValue(each);
        }
        return size + 8L * versions.values().size();
    }
}
