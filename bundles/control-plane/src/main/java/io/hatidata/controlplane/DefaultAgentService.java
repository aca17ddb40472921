package io.hatidata.controlplane;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventPublisher;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Permission;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.provisioning.AgentCapability;
import io.hatidata.api.provisioning.AgentService;
import io.hatidata.api.provisioning.NewAgentCapability;
import io.hatidata.api.provisioning.RegisteredAgent;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The agent registry and agent capabilities over {@code registered_agents} and {@code agent_capabilities}.
 * Registration is automatic ({@link #register}, called by the registration stage on an agent's first
 * statement) and idempotent; the fingerprint never changes. The live capabilities of an agent are cached
 * for {@link #CACHE_TIME}, and any grant, change or revocation clears the cache, so it applies to the next
 * statement.
 */
@Component(service = {AgentService.class, DefaultAgentService.class})
public final class DefaultAgentService implements AgentService {
    static final Duration CACHE_TIME = Duration.ofSeconds(5);
    private static final Duration LAST_SEEN_PRECISION = Duration.ofMinutes(1);
    private static final int MAX_CACHED = 10_000;
    private static final int MAX_NAMES = 100;
    private static final Set<String> CAPABILITIES = Set.of("query:read", "query:write");
    private static final String AGENT = "fingerprint, org_id, environment_id, agent_id, framework, trust_level,"
            + " registered_by, first_seen_at, last_seen_at";
    private static final String CAPABILITY = "c.id, c.environment_id, c.fingerprint, a.agent_id, c.capability, c.tables,"
            + " c.schemas, c.max_rows, c.credits_per_day, c.window_start, c.window_end, c.expires_at, c.granted_by,"
            + " c.created_at, c.updated_at";
    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Db db;
    private final DomainEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    static final int REGISTER_ATTEMPTS = 3;
    private final Map<String, Registration> registered = new ConcurrentHashMap<>();
    private final Map<String, Cached> capabilities = new ConcurrentHashMap<>();

    private record Registration(String fingerprint, Instant lastSeenWritten) {}

    private record Cached(List<AgentCapability> live, Instant validUntil) {}

    @Activate
    public DefaultAgentService(@Reference(name = "dataSource", target = "(hatidata.datasource=control-plane)")
            DataSource dataSource, @Reference DomainEventPublisher events) {
        this(dataSource, events, Clock.systemUTC());
    }

    DefaultAgentService(DataSource dataSource, DomainEventPublisher events, Clock clock) {
        this.db = new Db(dataSource);
        this.events = events;
        this.clock = clock;
    }

    /**
     * The fingerprint of the agent this identity's statement comes from, registering it (trust level
     * {@code provisional}) when it is new.
     */
    String register(Identity identity, String agentId, String framework) {
        String name = agentId.length() > 200 ? agentId.substring(0, 200) : agentId;
        String key = identity.environmentId() + '/' + name;
        Instant now = clock.instant();
        Registration known = registered.get(key);
        if (known != null) {
            if (known.lastSeenWritten().plus(LAST_SEEN_PRECISION).isBefore(now)) {
                db.update("UPDATE registered_agents SET last_seen_at = ? WHERE fingerprint = ?", now, known.fingerprint());
                remember(key, new Registration(known.fingerprint(), now));
            }
            return known.fingerprint();
        }
        String fingerprint = registerOnce(identity, name, framework, now);
        remember(key, new Registration(fingerprint, now));
        return fingerprint;
    }

    /**
     * Finds or inserts the agent's row. Sessions of one agent often start together: when another
     * transaction inserted the same name first (a unique-key conflict, or a Derby deadlock between the two
     * inserts), the row is read again, at most {@value #REGISTER_ATTEMPTS} times.
     */
    private String registerOnce(Identity identity, String name, String framework, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return insertOrFind(identity, name, framework, now);
            } catch (ControlPlaneException ex) {
                if (attempt >= REGISTER_ATTEMPTS || (ex.reason() != ControlPlaneException.Reason.CONFLICT
                        && ex.reason() != ControlPlaneException.Reason.UNAVAILABLE)) {
                    throw ex;
                }
            }
        }
    }

    private String insertOrFind(Identity identity, String name, String framework, Instant now) {
        return db.inTransaction(connection -> {
            List<String> existing = Db.query(connection, "SELECT fingerprint FROM registered_agents WHERE environment_id = ?"
                    + " AND agent_id = ?", row -> row.getString(1), identity.environmentId(), name);
            if (!existing.isEmpty()) {
                Db.update(connection, "UPDATE registered_agents SET last_seen_at = ? WHERE fingerprint = ?", now,
                        existing.get(0));
                return existing.get(0);
            }
            String created = newFingerprint();
            Db.update(connection, "INSERT INTO registered_agents (fingerprint, org_id, environment_id, agent_id, framework,"
                    + " trust_level, registered_by, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, 'provisional', ?, ?, ?)",
                    created, identity.organizationId(), identity.environmentId(), name,
                    framework == null ? "" : Access.bounded(framework, "framework", 100), identity.userId(), now, now);
            events.publish(connection, new DomainEvent("agent.registered", identity.organizationId(), identity.userId(),
                    created, Map.of("agent_id", name, "environment_id", identity.environmentId()), now));
            return created;
        });
    }

    /** The capabilities of an agent in force now (unexpired, unrevoked); empty when it has none. */
    List<AgentCapability> liveCapabilities(String fingerprint) {
        Instant now = clock.instant();
        Cached cached = capabilities.get(fingerprint);
        if (cached == null || !now.isBefore(cached.validUntil())) {
            List<AgentCapability> loaded = db.query("SELECT " + CAPABILITY + " FROM agent_capabilities c"
                    + " JOIN registered_agents a ON a.fingerprint = c.fingerprint WHERE c.fingerprint = ?"
                    + " AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > ?) ORDER BY c.id",
                    DefaultAgentService::capability, fingerprint, now);
            Instant validUntil = now.plus(CACHE_TIME);
            for (AgentCapability each : loaded) {
                if (each.expiresAt() != null && each.expiresAt().isBefore(validUntil)) {
                    validUntil = each.expiresAt();
                }
            }
            if (capabilities.size() >= MAX_CACHED) {
                capabilities.clear();
            }
            cached = new Cached(loaded, validUntil);
            capabilities.put(fingerprint, cached);
        }
        return cached.live().stream().filter(each -> each.expiresAt() == null || now.isBefore(each.expiresAt())).toList();
    }

    @Override
    public Page<RegisteredAgent> agents(Caller caller, String environmentId, PageRequest page) {
        reader(caller, environmentId);
        int total = db.queryOne("SELECT COUNT(*) FROM registered_agents WHERE environment_id = ?", row -> row.getInt(1),
                environmentId).orElse(0);
        List<RegisteredAgent> rows = db.query("SELECT " + AGENT + " FROM registered_agents WHERE environment_id = ?"
                + " AND fingerprint > ? ORDER BY fingerprint FETCH FIRST " + (page.limit() + 1) + " ROWS ONLY",
                DefaultAgentService::agent, environmentId, Access.after(page));
        return Access.page(rows, page, total, RegisteredAgent::fingerprint);
    }

    @Override
    public RegisteredAgent agent(Caller caller, String environmentId, String agent) {
        reader(caller, environmentId);
        return load(environmentId, agent);
    }

    @Override
    public RegisteredAgent changeTrustLevel(Caller caller, String environmentId, String agent, String trustLevel) {
        writer(caller, environmentId);
        RegisteredAgent current = load(environmentId, agent);
        if (trustLevel == null || !RegisteredAgent.TRUST_LEVELS.contains(trustLevel)) {
            throw ControlPlaneException.invalid("trust_level", "enum",
                    "trust_level must be one of " + String.join(", ", RegisteredAgent.TRUST_LEVELS));
        }
        db.inTransaction(connection -> {
            Db.update(connection, "UPDATE registered_agents SET trust_level = ? WHERE fingerprint = ?", trustLevel,
                    current.fingerprint());
            events.publish(connection, new DomainEvent("agent.trust_changed", current.organizationId(),
                    caller.identity().userId(), current.fingerprint(),
                    Map.of("trust_level", trustLevel, "previous_trust_level", current.trustLevel()), clock.instant()));
            return null;
        });
        return load(environmentId, current.fingerprint());
    }

    @Override
    public Page<AgentCapability> capabilities(Caller caller, String environmentId, String agent, PageRequest page) {
        reader(caller, environmentId);
        StringBuilder where = new StringBuilder(" WHERE c.environment_id = ? AND c.revoked_at IS NULL");
        List<Object> parameters = new ArrayList<>(List.of(environmentId));
        if (agent != null) {
            where.append(" AND c.fingerprint = ?");
            parameters.add(load(environmentId, agent).fingerprint());
        }
        int total = db.queryOne("SELECT COUNT(*) FROM agent_capabilities c" + where, row -> row.getInt(1),
                parameters.toArray()).orElse(0);
        parameters.add(Access.after(page));
        List<AgentCapability> rows = db.query("SELECT " + CAPABILITY + " FROM agent_capabilities c JOIN registered_agents a"
                + " ON a.fingerprint = c.fingerprint" + where + " AND c.id > ? ORDER BY c.id FETCH FIRST "
                + (page.limit() + 1) + " ROWS ONLY", DefaultAgentService::capability, parameters.toArray());
        return Access.page(rows, page, total, AgentCapability::id);
    }

    @Override
    public AgentCapability grant(Caller caller, String environmentId, NewAgentCapability capability) {
        String organization = writer(caller, environmentId);
        RegisteredAgent agent = load(environmentId, Access.required(capability.agent(), "agent_id", 200));
        Valid valid = validate(capability);
        Instant now = clock.instant();
        String id = Ids.newId(random, "cap_", 16);
        db.inTransaction(connection -> {
            Db.update(connection, "INSERT INTO agent_capabilities (id, org_id, environment_id, fingerprint, capability, tables,"
                    + " schemas, max_rows, credits_per_day, window_start, window_end, expires_at, granted_by, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, organization, environmentId,
                    agent.fingerprint(), valid.capability(), valid.tables(), valid.schemas(), capability.maxRows(),
                    capability.creditsPerDay(), capability.windowStart(), capability.windowEnd(), capability.expiresAt(),
                    caller.identity().userId(), now, now);
            events.publish(connection, new DomainEvent("agent.capability_granted", organization, caller.identity().userId(),
                    id, eventData(agent, valid), now));
            return null;
        });
        capabilities.clear();
        return loadCapability(environmentId, id);
    }

    @Override
    public AgentCapability change(Caller caller, String environmentId, String capabilityId, NewAgentCapability capability) {
        String organization = writer(caller, environmentId);
        AgentCapability current = loadCapability(environmentId, capabilityId);
        Valid valid = validate(capability);
        if (capability.agent() != null && !capability.agent().equals(current.fingerprint())
                && !capability.agent().equals(current.agentId())) {
            throw ControlPlaneException.invalid("agent_id", "immutable", "a capability cannot move to another agent");
        }
        Instant now = clock.instant();
        db.inTransaction(connection -> {
            Db.update(connection, "UPDATE agent_capabilities SET capability = ?, tables = ?, schemas = ?, max_rows = ?,"
                    + " credits_per_day = ?, window_start = ?, window_end = ?, expires_at = ?, granted_by = ?, updated_at = ?"
                    + " WHERE id = ?", valid.capability(), valid.tables(), valid.schemas(), capability.maxRows(),
                    capability.creditsPerDay(), capability.windowStart(), capability.windowEnd(), capability.expiresAt(),
                    caller.identity().userId(), now, capabilityId);
            events.publish(connection, new DomainEvent("agent.capability_changed", organization, caller.identity().userId(),
                    capabilityId, Map.of("fingerprint", current.fingerprint(), "capability", valid.capability()), now));
            return null;
        });
        capabilities.clear();
        return loadCapability(environmentId, capabilityId);
    }

    @Override
    public void revoke(Caller caller, String environmentId, String capabilityId) {
        String organization = writer(caller, environmentId);
        AgentCapability current = loadCapability(environmentId, capabilityId);
        Instant now = clock.instant();
        db.inTransaction(connection -> {
            Db.update(connection, "UPDATE agent_capabilities SET revoked_at = ? WHERE id = ?", now, capabilityId);
            events.publish(connection, new DomainEvent("agent.capability_revoked", organization, caller.identity().userId(),
                    capabilityId, Map.of("fingerprint", current.fingerprint()), now));
            return null;
        });
        capabilities.clear();
    }

    private record Valid(String capability, String tables, String schemas) {}

    private static Valid validate(NewAgentCapability capability) {
        String what = Access.required(capability.capability(), "capability", 40);
        if (!CAPABILITIES.contains(what)) {
            throw ControlPlaneException.invalid("capability", "enum", "capability must be query:read or query:write");
        }
        if (capability.maxRows() != null && capability.maxRows() < 1) {
            throw ControlPlaneException.invalid("max_rows", "range", "max_rows must be at least 1");
        }
        if (capability.creditsPerDay() != null && capability.creditsPerDay() < 0) {
            throw ControlPlaneException.invalid("credits_per_day", "range", "credits_per_day must not be negative");
        }
        if ((capability.windowStart() == null) != (capability.windowEnd() == null)) {
            throw ControlPlaneException.invalid("time_window", "required", "a time window needs both start and end");
        }
        for (String each : new String[] {capability.windowStart(), capability.windowEnd()}) {
            if (each != null && !each.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
                throw ControlPlaneException.invalid("time_window", "format", "time window bounds are HH:MM (UTC)");
            }
        }
        return new Valid(what, names(capability.tables(), "tables"), names(capability.schemas(), "schemas"));
    }

    private static String names(List<String> values, String field) {
        if (values == null) {
            return "";
        }
        if (values.size() > MAX_NAMES) {
            throw ControlPlaneException.invalid(field, "max_items", field + " has more than " + MAX_NAMES + " names");
        }
        List<String> result = new ArrayList<>();
        for (String each : values) {
            String name = each == null ? "" : each.trim().toLowerCase(java.util.Locale.ROOT);
            if (!name.matches("[a-z_][a-z0-9_$]*(\\.[a-z_][a-z0-9_$]*){0,2}")) {
                throw ControlPlaneException.invalid(field, "format", "not a table or schema name: " + each);
            }
            result.add(name);
        }
        return String.join(" ", result);
    }

    private static Map<String, String> eventData(RegisteredAgent agent, Valid valid) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("fingerprint", agent.fingerprint());
        data.put("agent_id", agent.agentId());
        data.put("capability", valid.capability());
        return data;
    }

    /** Owner, admin, auditor of the environment's organization; returns the organization. */
    private String reader(Caller caller, String environmentId) {
        String organization = environment(caller, environmentId);
        if (!caller.role().has(Permission.MANAGE_POLICIES) && !caller.role().has(Permission.VIEW_AUDIT_LOGS)) {
            throw ControlPlaneException.forbidden("the role " + caller.role().json() + " may not read the agent registry");
        }
        return organization;
    }

    private String writer(Caller caller, String environmentId) {
        String organization = environment(caller, environmentId);
        Access.require(caller, Permission.MANAGE_POLICIES, "policies:manage");
        return organization;
    }

    private String environment(Caller caller, String environmentId) {
        return Access.environmentOrganization(db, caller, environmentId);
    }

    private RegisteredAgent load(String environmentId, String agent) {
        return db.queryOne("SELECT " + AGENT + " FROM registered_agents WHERE environment_id = ? AND (fingerprint = ?"
                + " OR agent_id = ?)", DefaultAgentService::agent, environmentId, agent, agent)
                .orElseThrow(() -> ControlPlaneException.notFound("agent"));
    }

    private AgentCapability loadCapability(String environmentId, String id) {
        return db.queryOne("SELECT " + CAPABILITY + " FROM agent_capabilities c JOIN registered_agents a"
                + " ON a.fingerprint = c.fingerprint WHERE c.id = ? AND c.environment_id = ? AND c.revoked_at IS NULL",
                DefaultAgentService::capability, id, environmentId)
                .orElseThrow(() -> ControlPlaneException.notFound("capability"));
    }

    private void remember(String key, Registration registration) {
        if (registered.size() >= MAX_CACHED) {
            registered.clear();
        }
        registered.put(key, registration);
    }

    private String newFingerprint() {
        StringBuilder result = new StringBuilder("hd_agt_");
        for (int i = 0; i < 8; i++) {
            result.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return result.toString();
    }

    private static RegisteredAgent agent(ResultSet row) throws SQLException {
        return new RegisteredAgent(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getString(7), Db.instant(row.getTimestamp(8)), Db.instant(row.getTimestamp(9)));
    }

    private static AgentCapability capability(ResultSet row) throws SQLException {
        int maxRows = row.getInt(8);
        Integer max = row.wasNull() ? null : maxRows;
        int credits = row.getInt(9);
        Integer perDay = row.wasNull() ? null : credits;
        return new AgentCapability(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                List.copyOf(ApiKeyAuthenticator.words(row.getString(6))), List.copyOf(ApiKeyAuthenticator.words(row.getString(7))),
                max, perDay, row.getString(10), row.getString(11), Db.instant(row.getTimestamp(12)), row.getString(13),
                Db.instant(row.getTimestamp(14)), Db.instant(row.getTimestamp(15)));
    }
}
