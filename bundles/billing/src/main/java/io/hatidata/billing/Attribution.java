package io.hatidata.billing;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.Session;
import java.util.Map;

/**
 * Whose usage a statement is: the agent is the session's {@code hatidata_agent_id} (or {@code agent_id})
 * setting (startup packet, {@code options=-c}, {@code SET}, REST {@code X-Agent-Id}), else the agent an
 * {@code hd_agent_} key belongs to, else none (empty). Agent ids are cut to 128 characters.
 */
final class Attribution {
    static final int MAX_AGENT_LENGTH = 128;

    private Attribution() {}

    static String agent(Session session, KeyFacts key) {
        Map<String, String> settings = session.settings();
        String claimed = settings.getOrDefault("hatidata_agent_id", settings.getOrDefault("agent_id", ""));
        if (claimed.isBlank()) {
            claimed = session.parameters().getOrDefault("hatidata_agent_id",
                    session.parameters().getOrDefault("agent_id", ""));
        }
        String result = claimed.isBlank() ? key.agentName() : claimed.trim();
        return result.length() > MAX_AGENT_LENGTH ? result.substring(0, MAX_AGENT_LENGTH) : result;
    }

    /** Whether the identity's use counts against quotas (not an {@code hd_test_} key). */
    static boolean billable(Identity identity, KeyFacts key) {
        return !key.test();
    }
}
