package io.hatidata.controlplane;

import io.hatidata.api.controlplane.AgentKey;
import io.hatidata.api.controlplane.AgentKeyService;
import io.hatidata.api.controlplane.ApiKey;
import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.CreatedAgentKey;
import io.hatidata.api.controlplane.CreatedApiKey;
import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.controlplane.NewAgentKey;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Permission;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.controlplane.RotatedApiKey;
import io.hatidata.api.controlplane.Scopes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Agent keys: {@code hd_agent_} keys with role {@code service_account} and the {@code agent} scope bundle
 * by default, created through {@link DefaultApiKeyService} so they are stored, verified, rotated and
 * revoked exactly like environment keys.
 */
@Component(configurationPid = ControlPlanePids.CONTROL_PLANE, service = AgentKeyService.class)
public final class DefaultAgentKeyService implements AgentKeyService {
    private static final String SELECT = "SELECT " + Rows.AGENT_KEY + " FROM api_keys";
    private static final String NAME = "[A-Za-z0-9_.$*-]{1,200}";

    private final Db db;
    private final DefaultApiKeyService keys;

    @Activate
    public DefaultAgentKeyService(@Reference(name = "dataSource") DataSource dataSource, @Reference DefaultApiKeyService keys) {
        this.db = new Db(dataSource);
        this.keys = keys;
    }

    @Override
    public CreatedAgentKey create(Caller caller, String organizationId, NewAgentKey key) {
        Access.requireMember(caller, organizationId, "organization");
        Access.require(caller, Permission.MANAGE_API_KEYS, "keys:manage");
        String agentName = Access.required(key.agentName(), "agent_name", 200);
        String framework = key.framework() == null ? "custom" : Access.required(key.framework(), "framework", 100);
        String description = Access.bounded(key.description(), "description", 1000);
        Set<String> scopes;
        try {
            scopes = Scopes.normalize(key.scopes().isEmpty() ? List.of("agent") : key.scopes());
        } catch (IllegalArgumentException ex) {
            throw ControlPlaneException.invalid("scopes", "enum", ex.getMessage());
        }
        if (!caller.scopes().containsAll(scopes)) {
            throw ControlPlaneException.forbidden("a key cannot have scopes its creator lacks");
        }
        if (!caller.role().mayGrant(Role.SERVICE_ACCOUNT)) {
            throw ControlPlaneException.forbidden("the role " + caller.role().json() + " may not create agent keys");
        }
        Instant expiresAt = null;
        if (key.expiresInDays() != null) {
            if (key.expiresInDays() < 1 || key.expiresInDays() > 3650) {
                throw ControlPlaneException.invalid("expires_in_days", "range", "expires_in_days must be between 1 and 3650");
            }
            expiresAt = Instant.now().plus(Duration.ofDays(key.expiresInDays()));
        }
        Environment environment = keys.checkedEnvironment(caller, environmentId(caller, organizationId, key.environment()));
        DefaultApiKeyService.Template template = new DefaultApiKeyService.Template(environment, agentName,
                String.join(" ", scopes), "", Role.SERVICE_ACCOUNT.json(), expiresAt,
                new DefaultApiKeyService.AgentFields(agentName, framework, description,
                        names(key.allowedSchemas(), "allowed_schemas"), names(key.allowedTables(), "allowed_tables")));
        CreatedApiKey created = keys.create(caller, template);
        return new CreatedAgentKey(load(created.key().id()), created.secret());
    }

    @Override
    public Page<AgentKey> list(Caller caller, String organizationId, PageRequest page) {
        Access.requireMember(caller, organizationId, "organization");
        Access.require(caller, Permission.MANAGE_API_KEYS, "keys:manage");
        String where = " WHERE org_id = ? AND agent_name IS NOT NULL AND (? = '' OR environment_id = ?)";
        String onlyEnvironment = caller.method() == Caller.Method.API_KEY ? caller.identity().environmentId() : "";
        List<AgentKey> rows = db.query(SELECT + where + " AND id > ? ORDER BY id FETCH FIRST " + (page.limit() + 1)
                + " ROWS ONLY", Rows::agentKey, organizationId, onlyEnvironment, onlyEnvironment, Access.after(page));
        int total = db.queryOne("SELECT COUNT(*) FROM api_keys" + where, row -> row.getInt(1), organizationId,
                onlyEnvironment, onlyEnvironment).orElse(0);
        return Access.page(rows, page, total, each -> each.key().id());
    }

    @Override
    public AgentKey get(Caller caller, String organizationId, String keyId) {
        keys.checkedEnvironment(caller, keys.environmentOf(caller, organizationId, keyId));
        return load(keyId);
    }

    @Override
    public AgentKey update(Caller caller, String organizationId, String keyId, String agentName, String description,
            List<String> allowedSchemas, List<String> allowedTables) {
        AgentKey current = get(caller, organizationId, keyId);
        db.update("UPDATE api_keys SET agent_name = ?, name = ?, description = ?, allowed_schemas = ?, allowed_tables = ?"
                + " WHERE id = ?",
                agentName == null ? current.agentName() : Access.required(agentName, "agent_name", 200),
                agentName == null ? current.key().name() : agentName.trim(),
                description == null ? current.description() : Access.bounded(description, "description", 1000),
                allowedSchemas == null ? String.join(" ", current.allowedSchemas()) : names(allowedSchemas, "allowed_schemas"),
                allowedTables == null ? String.join(" ", current.allowedTables()) : names(allowedTables, "allowed_tables"),
                keyId);
        return load(keyId);
    }

    @Override
    public RotatedApiKey rotate(Caller caller, String organizationId, String keyId, Integer gracePeriodHours) {
        return keys.rotate(caller, keys.environmentOf(caller, organizationId, keyId), keyId, gracePeriodHours);
    }

    @Override
    public ApiKey revoke(Caller caller, String organizationId, String keyId) {
        return keys.revoke(caller, keys.environmentOf(caller, organizationId, keyId), keyId);
    }

    private String environmentId(Caller caller, String organizationId, String environment) {
        if (environment == null || environment.isBlank()) {
            if (caller.method() == Caller.Method.API_KEY) {
                return caller.identity().environmentId();
            }
        }
        String wanted = environment == null ? "" : environment.trim();
        return db.queryOne("SELECT id FROM environments WHERE org_id = ? AND status <> 'deleted'"
                + " AND (? = '' OR id = ? OR name = ? OR slug = ?) ORDER BY created_at, id FETCH FIRST 1 ROWS ONLY",
                row -> row.getString(1), organizationId, wanted, wanted, wanted, wanted)
                .orElseThrow(() -> ControlPlaneException.invalid("environment", "exists", "no such environment"));
    }

    private AgentKey load(String keyId) {
        return db.queryOne(SELECT + " WHERE id = ? AND agent_name IS NOT NULL", Rows::agentKey, keyId)
                .orElseThrow(() -> ControlPlaneException.notFound("agent key"));
    }

    private static String names(List<String> names, String field) {
        if (names.size() > 100) {
            throw ControlPlaneException.invalid(field, "max_items", "at most 100 entries");
        }
        List<String> result = new ArrayList<>();
        for (String each : names) {
            if (each == null || !each.trim().matches(NAME)) {
                throw ControlPlaneException.invalid(field, "format", field + " holds names without spaces");
            }
            result.add(each.trim());
        }
        return String.join(" ", result);
    }
}
