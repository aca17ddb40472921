package io.hatidata.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An entry about to be appended to a chain: which trail, which chain, and its column values (normalized
 * as they will be stored). The writer adds the sequence and the hashes.
 */
record ChainRecord(AuditLogKind kind, String chainId, Map<String, Object> values) {
    ChainRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(chainId, "chainId");
        Map<String, Object> normalized = new LinkedHashMap<>();
        for (AuditColumn each : kind.columns()) {
            normalized.put(each.name(), each.normalize(values.get(each.name())));
        }
        for (String name : values.keySet()) {
            if (!normalized.containsKey(name)) {
                throw new IllegalArgumentException("no audit column " + name + " in " + kind.table());
            }
        }
        values = Collections.unmodifiableMap(normalized);
    }

    /** The chain this record extends. */
    ChainKey key() {
        return new ChainKey(kind, chainId);
    }
}
