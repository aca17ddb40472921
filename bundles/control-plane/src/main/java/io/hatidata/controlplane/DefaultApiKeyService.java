package io.hatidata.controlplane;

import io.hatidata.api.controlplane.ApiKey;
import io.hatidata.api.controlplane.ApiKeyService;
import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventPublisher;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.CreatedApiKey;
import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.controlplane.NewApiKey;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Permission;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.controlplane.RotatedApiKey;
import io.hatidata.api.controlplane.Scopes;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * API keys of an environment. Keys are {@code hd_live_} in production environments and {@code hd_test_}
 * elsewhere; stored as Argon2id hashes; scopes and role may not exceed the creator's.
 */
@Component(configurationPid = ControlPlanePids.CONTROL_PLANE, service = {ApiKeyService.class, DefaultApiKeyService.class})
public final class DefaultApiKeyService implements ApiKeyService {
    static final int MAX_ACTIVE_KEYS_PER_ENVIRONMENT = 50;
    private static final String SELECT = "SELECT " + Rows.API_KEY + " FROM api_keys";

    private final Db db;
    private final ApiKeyAuthenticator authenticator;
    private final DomainEventPublisher events;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public DefaultApiKeyService(@Reference(name = "dataSource") DataSource dataSource,
            @Reference ApiKeyAuthenticator authenticator, @Reference DomainEventPublisher events) {
        this.db = new Db(dataSource);
        this.authenticator = authenticator;
        this.events = events;
    }

    @Override
    public CreatedApiKey create(Caller caller, String environmentId, NewApiKey key) {
        Environment environment = environment(caller, environmentId);
        String name = Access.required(key.name(), "name", 200);
        Set<String> scopes;
        try {
            scopes = Scopes.normalize(key.scopes().isEmpty() ? List.of("read_only") : key.scopes());
        } catch (IllegalArgumentException ex) {
            throw ControlPlaneException.invalid("scopes", "enum", ex.getMessage());
        }
        if (!caller.scopes().containsAll(scopes)) {
            throw ControlPlaneException.forbidden("a key cannot have scopes its creator lacks");
        }
        Role role = key.role() == null ? caller.role() : Role.fromJson(key.role())
                .orElseThrow(() -> ControlPlaneException.invalid("role", "enum", "unknown role"));
        if (role != caller.role() && !caller.role().mayGrant(role)) {
            throw ControlPlaneException.forbidden("the role " + caller.role().json() + " may not create " + role.json() + " keys");
        }
        List<String> allowlist = allowlist(key.ipAllowlist());
        Instant now = Instant.now();
        Instant expiresAt = null;
        if (key.expiresInDays() != null) {
            if (key.expiresInDays() < 1 || key.expiresInDays() > 3650) {
                throw ControlPlaneException.invalid("expires_in_days", "range", "expires_in_days must be between 1 and 3650");
            }
            expiresAt = now.plus(Duration.ofDays(key.expiresInDays()));
        }
        Template template = new Template(environment, name, String.join(" ", scopes), String.join(" ", allowlist),
                role.json(), expiresAt, null);
        return create(caller, template, now);
    }

    @Override
    public Page<ApiKey> list(Caller caller, String environmentId, PageRequest page) {
        environment(caller, environmentId);
        String after = Access.after(page);
        List<ApiKey> rows = db.query(SELECT + " WHERE environment_id = ? AND id > ? ORDER BY id FETCH FIRST "
                + (page.limit() + 1) + " ROWS ONLY", Rows::apiKey, environmentId, after);
        int total = db.queryOne("SELECT COUNT(*) FROM api_keys WHERE environment_id = ?", row -> row.getInt(1),
                environmentId).orElse(0);
        return Access.page(rows, page, total, ApiKey::id);
    }

    @Override
    public ApiKey get(Caller caller, String environmentId, String keyId) {
        environment(caller, environmentId);
        return load(environmentId, keyId);
    }

    @Override
    public RotatedApiKey rotate(Caller caller, String environmentId, String keyId, Integer gracePeriodHours) {
        Environment environment = environment(caller, environmentId);
        int grace = gracePeriodHours == null ? DEFAULT_GRACE_PERIOD_HOURS : gracePeriodHours;
        if (grace < 0 || grace > 720) {
            throw ControlPlaneException.invalid("grace_period_hours", "range", "grace_period_hours must be between 0 and 720");
        }
        ApiKey old = load(environmentId, keyId);
        if (!"active".equals(old.status())) {
            throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT, "only an active key can be rotated");
        }
        Instant now = Instant.now();
        Instant graceEnd = now.plus(Duration.ofHours(grace));
        Instant oldExpiry = old.expiresAt() != null && old.expiresAt().isBefore(graceEnd) ? old.expiresAt() : graceEnd;
        Template template = new Template(environment, old.name(), String.join(" ", old.scopes()),
                String.join(" ", old.ipAllowlist()), old.role().json(), old.expiresAt(), agentFields(keyId));
        CreatedApiKey replacement = db.inTransaction(connection -> {
            CreatedApiKey created = insert(connection, caller, template, now);
            Db.update(connection, "UPDATE api_keys SET replaced_by = ?, expires_at = ? WHERE id = ?",
                    created.key().id(), oldExpiry, keyId);
            publish(connection, "key.rotated", caller, environment.organizationId(), keyId, Map.of(
                    "environment_id", environment.id(), "new_key_id", created.key().id(),
                    "grace_period_hours", Integer.toString(grace)));
            return created;
        });
        authenticator.invalidateVerifiedKeys();
        return new RotatedApiKey(keyId, replacement, grace);
    }

    /** Environment of a key of the caller's organization (NOT_FOUND otherwise), for the agent-key service. */
    String environmentOf(Caller caller, String organizationId, String keyId) {
        Access.requireMember(caller, organizationId, "organization");
        return db.queryOne("SELECT environment_id FROM api_keys WHERE id = ? AND org_id = ? AND agent_name IS NOT NULL",
                row -> row.getString(1), keyId, organizationId).orElseThrow(() -> ControlPlaneException.notFound("agent key"));
    }

    /** The caller's view of an environment, with the key-management checks, for the agent-key service. */
    Environment checkedEnvironment(Caller caller, String environmentId) {
        return environment(caller, environmentId);
    }

    @Override
    public ApiKey revoke(Caller caller, String environmentId, String keyId) {
        Environment environment = environment(caller, environmentId);
        load(environmentId, keyId);
        db.inTransaction(connection -> {
            if (Db.update(connection, "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                    Instant.now(), keyId) == 1) {
                publish(connection, "key.revoked", caller, environment.organizationId(), keyId,
                        Map.of("environment_id", environmentId));
            }
            return null;
        });
        authenticator.invalidateVerifiedKeys();
        return load(environmentId, keyId);
    }

    /** What a new key is made of; {@code agent} is {@code null} for an environment key. */
    record Template(Environment environment, String name, String scopes, String allowlist, String role,
            Instant expiresAt, AgentFields agent) {}

    /** The agent columns of an agent key. */
    record AgentFields(String agentName, String framework, String description, String allowedSchemas,
            String allowedTables) {}

    /** Creates a key from a template (the agent-key service creates agent keys through this). */
    CreatedApiKey create(Caller caller, Template template) {
        return create(caller, template, Instant.now());
    }

    private CreatedApiKey create(Caller caller, Template template, Instant now) {
        return db.inTransaction(connection -> {
            CreatedApiKey created = insert(connection, caller, template, now);
            publish(connection, "key.created", caller, template.environment().organizationId(), created.key().id(),
                    Map.of("environment_id", template.environment().id(), "prefix", created.key().prefix()));
            return created;
        });
    }

    private AgentFields agentFields(String keyId) {
        return db.queryOne("SELECT agent_name, framework, description, allowed_schemas, allowed_tables FROM api_keys"
                + " WHERE id = ? AND agent_name IS NOT NULL", row -> new AgentFields(row.getString(1), row.getString(2),
                        row.getString(3), row.getString(4), row.getString(5)), keyId).orElse(null);
    }

    private CreatedApiKey insert(Connection connection, Caller caller, Template template, Instant now) throws SQLException {
        int active = Db.query(connection, "SELECT COUNT(*) FROM api_keys WHERE environment_id = ? AND revoked_at IS NULL"
                + " AND (expires_at IS NULL OR expires_at > ?)", row -> row.getInt(1), template.environment().id(), now).get(0);
        if (active >= MAX_ACTIVE_KEYS_PER_ENVIRONMENT) {
            throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT,
                    "the environment has " + MAX_ACTIVE_KEYS_PER_ENVIRONMENT + " active keys, the most it may have");
        }
        String secret = template.agent() != null ? ApiKeys.newKey(random, "hd_agent_")
                : ApiKeys.newKey(random, template.environment().production() ? "hd_live_" : "hd_test_");
        String id = Ids.newId(random, "key_", 12);
        Db.update(connection, "INSERT INTO api_keys (id, org_id, environment_id, user_id, name, key_prefix, key_hash, role,"
                + " created_at, expires_at, scopes, ip_allowlist, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, template.environment().organizationId(), template.environment().id(), caller.identity().userId(),
                template.name(), ApiKeys.prefix(secret), authenticator.hash(secret), template.role(), now,
                template.expiresAt(), template.scopes(), template.allowlist(), caller.identity().userId());
        if (template.agent() != null) {
            AgentFields agent = template.agent();
            Db.update(connection, "UPDATE api_keys SET agent_name = ?, framework = ?, description = ?, allowed_schemas = ?,"
                    + " allowed_tables = ? WHERE id = ?", agent.agentName(), agent.framework(), agent.description(),
                    agent.allowedSchemas(), agent.allowedTables(), id);
        }
        ApiKey key = Db.query(connection, SELECT + " WHERE id = ?", Rows::apiKey, id).get(0);
        return new CreatedApiKey(key, secret);
    }

    private Environment environment(Caller caller, String environmentId) {
        Environment result = db.queryOne("SELECT " + Rows.ENVIRONMENT + " FROM environments WHERE id = ?"
                + " AND status <> 'deleted'", Rows::environment, environmentId)
                .orElseThrow(() -> ControlPlaneException.notFound("environment"));
        Access.requireMember(caller, result.organizationId(), "environment");
        Access.requireEnvironment(caller, environmentId);
        Access.require(caller, Permission.MANAGE_API_KEYS, "keys:manage");
        return result;
    }

    private ApiKey load(String environmentId, String keyId) {
        return db.queryOne(SELECT + " WHERE id = ? AND environment_id = ?", Rows::apiKey, keyId, environmentId)
                .orElseThrow(() -> ControlPlaneException.notFound("API key"));
    }

    private static List<String> allowlist(List<String> entries) {
        if (entries.size() > 100) {
            throw ControlPlaneException.invalid("ip_allowlist", "max_items", "at most 100 entries");
        }
        List<String> result = new ArrayList<>();
        for (String each : entries) {
            try {
                result.add(Cidr.parse(each).text());
            } catch (IllegalArgumentException ex) {
                throw ControlPlaneException.invalid("ip_allowlist", "cidr", ex.getMessage());
            }
        }
        return result;
    }

    /** Appends the event inside the change's transaction: it exists exactly when the change was committed. */
    private void publish(Connection transaction, String type, Caller caller, String organizationId, String resourceId,
            Map<String, String> data) throws SQLException {
        events.publish(transaction,
                new DomainEvent(type, organizationId, caller.identity().userId(), resourceId, data, Instant.now()));
    }
}
