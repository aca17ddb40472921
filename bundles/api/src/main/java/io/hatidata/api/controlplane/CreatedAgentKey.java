package io.hatidata.api.controlplane;

/** An agent key that was just created, with the key itself (shown once). {@link #toString()} hides it. */
public record CreatedAgentKey(AgentKey key, String secret) {
    @Override
    public String toString() {
        return "CreatedAgentKey[key=" + key + ", secret=<redacted>]";
    }
}
