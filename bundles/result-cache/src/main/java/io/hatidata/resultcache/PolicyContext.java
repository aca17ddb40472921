package io.hatidata.resultcache;

import io.hatidata.api.identity.Identity;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.policy.PolicyService;
import java.util.Map;
import java.util.TreeMap;

/**
 * The policy part of a cache key: the environment's enabled policies, each with the time it last changed,
 * in the policy service's order, and the principal's stored attributes (which row filters read). Both come
 * from the policy service's own caches, which it refreshes on every write, so a changed policy changes the
 * key of the very next statement even before its {@code policy.*} event arrives.
 */
final class PolicyContext {
    /** The context when no policy service is installed: no policy is enforced either. */
    static final String NONE = "none";

    private PolicyContext() {}

    static String of(PolicyService service, Identity identity) {
        if (service == null) {
            return NONE;
        }
        StringBuilder text = new StringBuilder(64);
        for (Policy policy : service.enabledPolicies(identity.environmentId())) {
            text.append(policy.policyId()).append('@').append(policy.updatedAt().toEpochMilli()).append(',');
        }
        text.append('|');
        for (Map.Entry<String, String> each : new TreeMap<>(service.attributesOf(identity)).entrySet()) {
            // lengths first, so no value can imitate another pair
            text.append(each.getKey().length()).append(':').append(each.getKey())
                    .append(each.getValue().length()).append(':').append(each.getValue()).append(';');
        }
        return text.toString();
    }
}
