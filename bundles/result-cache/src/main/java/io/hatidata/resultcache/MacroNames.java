package io.hatidata.resultcache;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The macros and functions each environment defined through the pipeline since this node started
 * ({@code CREATE MACRO}): a macro may wrap a volatile function, so queries calling one are not cached. At
 * most {@value #MAX_PER_ENVIRONMENT} names per environment and {@value #MAX_ENVIRONMENTS} environments;
 * beyond either bound an environment counts as calling a macro in every call (nothing with a function
 * call is cached there).
 */
final class MacroNames {
    static final int MAX_PER_ENVIRONMENT = 1_000;
    static final int MAX_ENVIRONMENTS = 10_000;
    private static final String ANY = "*";

    private final Map<String, Set<String>> names = new ConcurrentHashMap<>();
    private volatile boolean overflowed;

    void note(String environmentId, String macro) {
        if (macro == null) {
            return;
        }
        if (!names.containsKey(environmentId) && names.size() >= MAX_ENVIRONMENTS) {
            overflowed = true;
            return;
        }
        Set<String> defined = names.computeIfAbsent(environmentId, id -> ConcurrentHashMap.newKeySet());
        defined.add(defined.size() >= MAX_PER_ENVIRONMENT ? ANY : macro);
    }

    boolean defined(String environmentId, String function) {
        if (overflowed) {
            return true;
        }
        Set<String> defined = names.get(environmentId);
        return defined != null && (defined.contains(function) || defined.contains(ANY));
    }
}
