package io.hatidata.audit;

import io.hatidata.api.audit.SqlRedaction;

/**
 * Replaces every literal of a statement by {@code '[REDACTED]'} for the audit trail (SPEC §2.10.1); the lexer
 * is {@link SqlRedaction} in the API bundle, shared with the policy shadow log.
 */
final class SqlRedactor {
    static final String REDACTED = SqlRedaction.REDACTED;

    private SqlRedactor() {}

    static String redact(String sql) {
        return SqlRedaction.redact(sql);
    }
}
