package io.hatidata.api.policy;

import java.util.Map;

/**
 * A new policy, or changes to one: {@code null} fields stay as they are (for a new policy: {@code enabled}
 * defaults to true; {@code name}, {@code type} and {@code definition} are required).
 */
public record PolicyChanges(String name, String type, Boolean enabled, Map<String, Object> definition) {}
