package io.hatidata.controlplane;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventPublisher;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.controlplane.EnvironmentChanges;
import io.hatidata.api.controlplane.EnvironmentService;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Permission;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Environments in the control-plane store. The engine opens each environment's DuckDB database on first
 * use, so a new environment is {@code active} at once (there is nothing to provision). Deleting one
 * revokes its keys; its DuckDB file is left on disk for the operator.
 */
@Component(configurationPid = ControlPlanePids.CONTROL_PLANE, service = EnvironmentService.class)
public final class DefaultEnvironmentService implements EnvironmentService {
    private static final String SELECT = "SELECT " + Rows.ENVIRONMENT + " FROM environments";

    private final Db db;
    private final ApiKeyAuthenticator authenticator;
    private final DomainEventPublisher events;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public DefaultEnvironmentService(@Reference(name = "dataSource") DataSource dataSource,
            @Reference ApiKeyAuthenticator authenticator, @Reference DomainEventPublisher events) {
        this.db = new Db(dataSource);
        this.authenticator = authenticator;
        this.events = events;
    }

    @Override
    public Environment create(Caller caller, String organizationId, EnvironmentChanges environment) {
        Access.requireMember(caller, organizationId, "organization");
        Access.require(caller, Permission.MANAGE_USERS, "orgs:manage");
        String name = Access.required(environment.name(), "name", 100);
        String slug = Access.slug(environment.slug() == null ? slugOf(name) : environment.slug(), "slug");
        int timeout = bounded(environment.queryTimeoutMs(), "query_timeout_ms", 30_000, 1_000, 3_600_000);
        int concurrent = bounded(environment.maxConcurrentQueries(), "max_concurrent_queries", 50, 1, 10_000);
        boolean cache = Boolean.TRUE.equals(environment.cacheEnabled());
        String id = Ids.newId(random, "env_" + abbreviation(slug) + "_", 8);
        Instant now = Instant.now();
        db.inTransaction(connection -> {
            if (!Db.query(connection, "SELECT 1 FROM environments WHERE org_id = ? AND (slug = ? OR name = ?)",
                    row -> 1, organizationId, slug, name).isEmpty()) {
                throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT,
                        "an environment with this name or slug exists", Map.of("field", "slug", "constraint", "unique"), 0);
            }
            Db.update(connection, "INSERT INTO environments (id, org_id, name, slug, status, query_timeout_ms,"
                    + " max_concurrent_queries, cache_enabled, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)",
                    id, organizationId, name, slug, timeout, concurrent, cache, now, now);
            publish(connection, "environment.created", caller, organizationId, id, Map.of("slug", slug,
                    "environment_id", id, "name", name));
            return null;
        });
        return load(id);
    }

    @Override
    public Page<Environment> list(Caller caller, String organizationId, PageRequest page) {
        Access.requireMember(caller, organizationId, "organization");
        String after = Access.after(page);
        List<Environment> rows = db.query(SELECT + " WHERE org_id = ? AND status <> 'deleted' AND id > ? ORDER BY id"
                + " FETCH FIRST " + (page.limit() + 1) + " ROWS ONLY", Rows::environment, organizationId, after);
        int total = db.queryOne("SELECT COUNT(*) FROM environments WHERE org_id = ? AND status <> 'deleted'",
                row -> row.getInt(1), organizationId).orElse(0);
        return Access.page(rows, page, total, Environment::id);
    }

    @Override
    public Environment get(Caller caller, String environmentId) {
        Environment result = load(environmentId);
        Access.requireMember(caller, result.organizationId(), "environment");
        return result;
    }

    @Override
    public Environment update(Caller caller, String environmentId, EnvironmentChanges changes) {
        Environment current = get(caller, environmentId);
        Access.require(caller, Permission.MANAGE_USERS, "orgs:manage");
        String name = changes.name() == null ? current.name() : Access.required(changes.name(), "name", 100);
        int timeout = bounded(changes.queryTimeoutMs(), "query_timeout_ms", current.queryTimeoutMs(), 1_000, 3_600_000);
        int concurrent = bounded(changes.maxConcurrentQueries(), "max_concurrent_queries", current.maxConcurrentQueries(), 1, 10_000);
        boolean cache = changes.cacheEnabled() == null ? current.cacheEnabled() : changes.cacheEnabled();
        if (changes.slug() != null && !changes.slug().equals(current.slug())) {
            throw ControlPlaneException.invalid("slug", "immutable", "the slug of an environment cannot change");
        }
        Map<String, String> change = Map.of("environment_id", environmentId,
                "name", name, "previous_name", current.name(),
                "query_timeout_ms", Integer.toString(timeout),
                "previous_query_timeout_ms", Integer.toString(current.queryTimeoutMs()),
                "max_concurrent_queries", Integer.toString(concurrent),
                "previous_max_concurrent_queries", Integer.toString(current.maxConcurrentQueries()),
                "cache_enabled", Boolean.toString(cache), "previous_cache_enabled", Boolean.toString(current.cacheEnabled()));
        db.inTransaction(connection -> {
            Db.update(connection, "UPDATE environments SET name = ?, query_timeout_ms = ?, max_concurrent_queries = ?,"
                    + " cache_enabled = ?, updated_at = ? WHERE id = ?", name, timeout, concurrent, cache, Instant.now(),
                    environmentId);
            publish(connection, "environment.updated", caller, current.organizationId(), environmentId, change);
            return null;
        });
        return load(environmentId);
    }

    @Override
    public void delete(Caller caller, String environmentId) {
        Environment current = get(caller, environmentId);
        Access.require(caller, Permission.MANAGE_USERS, "orgs:manage");
        if (current.id().equals(caller.identity().environmentId())) {
            throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT,
                    "the environment of the caller's own credential cannot be deleted");
        }
        Instant now = Instant.now();
        db.inTransaction(connection -> {
            Db.update(connection, "UPDATE api_keys SET revoked_at = ? WHERE environment_id = ? AND revoked_at IS NULL",
                    now, environmentId);
            // keep the row (keys and sessions refer to it) but free its name and slug for reuse
            Db.update(connection, "UPDATE environments SET status = 'deleted', name = id, slug = id, updated_at = ?"
                    + " WHERE id = ?", now, environmentId);
            publish(connection, "environment.deleted", caller, current.organizationId(), environmentId,
                    Map.of("environment_id", environmentId, "previous_name", current.name()));
            return null;
        });
        authenticator.invalidateVerifiedKeys();
    }

    private Environment load(String environmentId) {
        return db.queryOne(SELECT + " WHERE id = ? AND status <> 'deleted'", Rows::environment, environmentId)
                .orElseThrow(() -> ControlPlaneException.notFound("environment"));
    }

    private static int bounded(Integer value, String field, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw ControlPlaneException.invalid(field, "range", field + " must be between " + min + " and " + max);
        }
        return value;
    }

    static String slugOf(String name) {
        String result = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return result.length() > 63 ? result.substring(0, 63) : result;
    }

    /** {@code production} → {@code prod}, {@code staging} → {@code stg}, {@code development} → {@code dev}. */
    static String abbreviation(String slug) {
        if (slug.startsWith("prod")) {
            return "prod";
        }
        if (slug.startsWith("stag") || slug.startsWith("stg")) {
            return "stg";
        }
        if (slug.startsWith("dev")) {
            return "dev";
        }
        String letters = slug.replaceAll("[^a-z0-9]", "");
        return letters.isEmpty() ? "env" : letters.substring(0, Math.min(4, letters.length()));
    }

    /** Appends the event inside the change's transaction: it exists exactly when the change was committed. */
    private void publish(Connection transaction, String type, Caller caller, String organizationId, String resourceId,
            Map<String, String> data) throws SQLException {
        events.publish(transaction,
                new DomainEvent(type, organizationId, caller.identity().userId(), resourceId, data, Instant.now()));
    }
}
