package io.hatidata.billing;

/**
 * What billing needs to know about an API key.
 *
 * @param test whether it is an {@code hd_test_} key (never billed nor counted against quotas)
 * @param agentName the agent an {@code hd_agent_} key belongs to, else empty
 */
record KeyFacts(boolean test, String agentName) {
    static final KeyFacts NONE = new KeyFacts(false, "");
}
