package io.hatidata.controlplane;

import io.hatidata.api.controlplane.Role;
import io.hatidata.api.identity.Identity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The approved, unexpired just-in-time grants of a principal (an API key, or a user who asked with an
 * access token), read from {@code jit_grants} through a short cache. A cached answer is kept at most
 * {@link #TIME_TO_LIVE} and never past the earliest {@code expires_at} it holds, and every grant is checked
 * against the clock again on each use, so an elevation ends exactly at its expiry; approvals, revocations
 * and expiries clear the cache ({@link #forgetAll()}), so they apply to the next statement.
 */
final class JitElevations {
    private static final Logger LOG = LoggerFactory.getLogger(JitElevations.class);
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 10_000;
    private static final int MAX_GRANTS_PER_PRINCIPAL = 20;
    private static final String ACTIVE = "SELECT requested_role, expires_at, environment_id FROM jit_grants"
            + " WHERE org_id = ? AND principal_id = ? AND status = 'approved' AND expires_at > ?"
            + " ORDER BY expires_at DESC FETCH FIRST " + MAX_GRANTS_PER_PRINCIPAL + " ROWS ONLY";

    /** One elevation in force. */
    record Elevation(Role role, Instant expiresAt, String environmentId) {}

    private record Entry(List<Elevation> elevations, Instant validUntil) {}

    private final DataSource dataSource;
    private final Clock clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    JitElevations(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The principal an elevation applies to: the API key, else the user. */
    static String principal(Identity identity) {
        return identity.keyId().isEmpty() ? identity.userId() : identity.keyId();
    }

    /**
     * The role a grant gives this identity now, if any; with several, the strongest.
     *
     * @throws SQLException when the store cannot be read (callers fail closed: no elevation)
     */
    Optional<Role> elevatedRole(Identity identity) throws SQLException {
        Instant now = clock.instant();
        Role best = null;
        for (Elevation each : elevations(identity.organizationId(), principal(identity), now)) {
            boolean inScope = each.environmentId() == null || each.environmentId().equals(identity.environmentId());
            if (inScope && now.isBefore(each.expiresAt()) && (best == null || rank(each.role()) > rank(best))) {
                best = each.role();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Forgets every cached answer: a grant was approved, revoked or expired. */
    void forgetAll() {
        cache.clear();
    }

    private List<Elevation> elevations(String organizationId, String principal, Instant now) throws SQLException {
        String key = organizationId + '/' + principal;
        Entry entry = cache.get(key);
        if (entry != null && now.isBefore(entry.validUntil())) {
            return entry.elevations();
        }
        List<Elevation> loaded = load(organizationId, principal, now);
        Instant validUntil = now.plus(TIME_TO_LIVE);
        for (Elevation each : loaded) {
            if (each.expiresAt().isBefore(validUntil)) {
                validUntil = each.expiresAt();
            }
        }
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(key, new Entry(loaded, validUntil));
        return loaded;
    }

    private List<Elevation> load(String organizationId, String principal, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(ACTIVE)) {
            statement.setString(1, organizationId);
            statement.setString(2, principal);
            statement.setTimestamp(3, Timestamp.from(now));
            List<Elevation> result = new ArrayList<>(1);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Optional<Role> role = Role.fromJson(rows.getString(1));
                    if (role.isPresent()) {
                        result.add(new Elevation(role.get(), rows.getTimestamp(2).toInstant(), rows.getString(3)));
                    } else {
                        LOG.warn("Ignoring a JIT grant of {} with the unknown role {}", principal, rows.getString(1));
                    }
                }
            }
            return List.copyOf(result);
        }
    }

    /** Orders roles by power, to pick among several grants: owner, admin, developer, the query roles, auditor. */
    static int rank(Role role) {
        return switch (role) {
            case OWNER -> 5;
            case ADMIN -> 4;
            case DEVELOPER -> 3;
            case ANALYST, SERVICE_ACCOUNT -> 2;
            case AUDITOR -> 1;
        };
    }
}
