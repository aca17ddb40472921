package io.hatidata.api.governance;

import io.hatidata.api.pipeline.QueryContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Where policy providers leave their verdicts for the audit record: an unmodifiable
 * {@code List<PolicyVerdict>} in {@link QueryContext#attributes()} under {@link #ATTRIBUTE}, in the order
 * the providers decided (policy stage, row filter, masking). Absent when no policy had a verdict.
 *
 * @since 1.1.0
 */
public final class PolicyVerdicts {
    /** The key of the verdict list in the context's attributes. */
    public static final String ATTRIBUTE = "io.hatidata.api.governance.PolicyVerdicts";

    private PolicyVerdicts() {}

    /** Appends a verdict to the statement's list (atomically: providers may share a context). */
    public static void record(QueryContext context, PolicyVerdict verdict) {
        context.attributes().compute(ATTRIBUTE, (key, existing) -> {
            List<Object> next = new ArrayList<>();
            if (existing instanceof List<?> list) {
                next.addAll(list);
            }
            next.add(verdict);
            return List.copyOf(next);
        });
    }

    /** The verdicts recorded for the statement so far (empty when none). */
    public static List<PolicyVerdict> of(QueryContext context) {
        Object value = context.attributes().get(ATTRIBUTE);
        List<PolicyVerdict> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object each : list) {
                if (each instanceof PolicyVerdict verdict) {
                    result.add(verdict);
                }
            }
        }
        return List.copyOf(result);
    }
}
