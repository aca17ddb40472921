package io.hatidata.api.provisioning;

import java.time.Instant;

/**
 * A statement whose results differed between the source warehouse and HatiData.
 *
 * @param id {@code smm_…}
 * @param queryId the statement's query id
 * @param sql the statement as sent to the source
 * @param reason the first difference found, such as {@code row 1, column 1: source 3, hatidata 3.5}
 * @param source the source's result (what the caller received)
 * @param hatidata HatiData's result
 * @param occurredAt when
 */
public record ShadowMismatch(String id, String queryId, String sql, String reason, ShadowResult source,
        ShadowResult hatidata, Instant occurredAt) {}
