package io.hatidata.policy;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventPublisher;
import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.controlplane.EnvironmentService;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Permission;
import io.hatidata.api.governance.ColumnMaskProvider;
import io.hatidata.api.governance.PolicyEvaluator;
import io.hatidata.api.governance.RowFilterProvider;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.policy.PolicyChanges;
import io.hatidata.api.policy.PolicyEvaluation;
import io.hatidata.api.policy.PolicyService;
import io.hatidata.api.policy.Principal;
import io.hatidata.api.policy.ShadowDecision;
import io.hatidata.api.policy.ShadowReport;
import io.hatidata.api.sql.SqlAnalyzer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PolicyService} on the control-plane database. Enforcement reads go through per-environment caches
 * that every write of that environment empties after its commit, so a change applies to the next statement.
 * Events: {@code policy.created}, {@code policy.updated}, {@code policy.deleted} and
 * {@code policy.attributes_changed}, appended in the writing transaction.
 */
@Component(configurationPid = "io.hatidata.policy", configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = PolicyService.class)
@Designate(ocd = PolicyConfig.class)
public final class DefaultPolicyService implements PolicyService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPolicyService.class);
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,99}");
    private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9_\\-]{1,80}");
    private static final String COLUMNS = "id, env_id, org_id, name, policy_type, enabled, definition, created_at, updated_at,"
            + " mode";
    private static final int MAX_CACHED_ENVIRONMENTS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final EnvironmentService environments;
    private final DomainEventPublisher events;
    private final Definitions definitions;
    private final PolicyConfig config;
    private final ShadowLog shadowLog;
    private final Map<String, List<Policy>> enabledCache = new ConcurrentHashMap<>();
    private final Map<String, List<Policy>> shadowCache = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Map<String, String>>> attributeCache = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SqlAnalyzer analyzer;

    /**
     * The governance providers the evaluate endpoint runs, found with service trackers opened on its first
     * use: the providers depend on this service (the ABAC evaluator reads the policies), so binding them
     * as DS references while this service activates would be a service cycle.
     */
    private final ProviderTrackers providers;

    @Activate
    public DefaultPolicyService(PolicyConfig config, @Reference(name = "dataSource") DataSource dataSource,
            @Reference EnvironmentService environments, @Reference DomainEventPublisher events,
            @Reference ShadowLog shadowLog, BundleContext context) throws SQLException {
        this(config, dataSource, environments, events, shadowLog, new ProviderTrackers(context));
    }

    /** Without an OSGi framework: the evaluate endpoint runs no providers. */
    DefaultPolicyService(PolicyConfig config, DataSource dataSource, EnvironmentService environments,
            DomainEventPublisher events) throws SQLException {
        this(config, dataSource, environments, events, new ShadowLog(dataSource, 1000, 100, 100_000, false),
                new ProviderTrackers(null));
    }

    /** Without an OSGi framework, with this shadow log. */
    DefaultPolicyService(PolicyConfig config, DataSource dataSource, EnvironmentService environments,
            DomainEventPublisher events, ShadowLog shadowLog) throws SQLException {
        this(config, dataSource, environments, events, shadowLog, new ProviderTrackers(null));
    }

    private DefaultPolicyService(PolicyConfig config, DataSource dataSource, EnvironmentService environments,
            DomainEventPublisher events, ShadowLog shadowLog, ProviderTrackers providers) throws SQLException {
        this.providers = providers;
        this.shadowLog = shadowLog;
        this.config = config;
        this.dataSource = dataSource;
        this.environments = environments;
        this.events = events;
        this.definitions = new Definitions(config.maxRulesPerPolicy());
        PolicySchema.migrate(dataSource);
    }

    @Deactivate
    void deactivate() {
        providers.close();
    }

    @Override
    public Policy create(Caller caller, String environmentId, PolicyChanges policy) {
        Environment environment = writable(caller, environmentId);
        String name = name(policy.name());
        if (policy.type() == null) {
            throw ControlPlaneException.invalid("type", "required", "type is required");
        }
        Map<String, Object> definition = definitions.check(policy.type(), policy.definition());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Policy created = new Policy("pol_" + randomId(), environment.id(), environment.organizationId(), name,
                policy.type(), policy.enabled() == null || policy.enabled(), definition, now, now,
                policy.mode() == null ? Policy.ENFORCE : mode(policy.mode()));
        inTransaction(connection -> {
            if (count(connection, environment.id()) >= config.maxPoliciesPerEnvironment()) {
                throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT,
                        "the environment already has " + config.maxPoliciesPerEnvironment() + " policies");
            }
            update(connection, "INSERT INTO policies (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    created.policyId(), created.environmentId(), created.organizationId(), created.name(),
                    created.type(), created.enabled(), Json.write(created.definition()), now, now, created.mode());
            publish(connection, caller, "policy.created", created);
            return null;
        });
        changed(environment.id());
        return created;
    }

    @Override
    public List<Policy> list(Caller caller, String environmentId) {
        Environment environment = readable(caller, environmentId);
        return inTransaction(connection -> policies(connection,
                "SELECT " + COLUMNS + " FROM policies WHERE env_id = ? ORDER BY created_at, id", environment.id()));
    }

    @Override
    public Policy get(Caller caller, String environmentId, String policyId) {
        Environment environment = readable(caller, environmentId);
        return inTransaction(connection -> find(connection, environment.id(), policyId));
    }

    @Override
    public Policy update(Caller caller, String environmentId, String policyId, PolicyChanges changes) {
        Environment environment = writable(caller, environmentId);
        Policy updated = inTransaction(connection -> {
            Policy current = find(connection, environment.id(), policyId);
            if (changes.type() != null && !changes.type().equals(current.type())) {
                throw ControlPlaneException.invalid("type", "immutable", "a policy's type cannot change");
            }
            String name = changes.name() == null ? current.name() : name(changes.name());
            Map<String, Object> definition = changes.definition() == null ? current.definition()
                    : definitions.check(current.type(), changes.definition());
            boolean enabled = changes.enabled() == null ? current.enabled() : changes.enabled();
            String mode = changes.mode() == null ? current.mode() : mode(changes.mode());
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Policy next = new Policy(current.policyId(), current.environmentId(), current.organizationId(), name,
                    current.type(), enabled, definition, current.createdAt(), now, mode);
            update(connection, "UPDATE policies SET name = ?, enabled = ?, definition = ?, updated_at = ?, mode = ?"
                    + " WHERE id = ?", name, enabled, Json.write(definition), now, mode, current.policyId());
            publish(connection, caller, "policy.updated", next);
            return next;
        });
        changed(environment.id());
        return updated;
    }

    @Override
    public void delete(Caller caller, String environmentId, String policyId) {
        Environment environment = writable(caller, environmentId);
        inTransaction(connection -> {
            Policy current = find(connection, environment.id(), policyId);
            update(connection, "DELETE FROM policies WHERE id = ?", current.policyId());
            ShadowLog.forget(connection, current.policyId());
            publish(connection, caller, "policy.deleted", current);
            return null;
        });
        changed(environment.id());
    }

    @Override
    public Map<String, String> attributes(Caller caller, String environmentId, String principalId) {
        Environment environment = readable(caller, environmentId);
        return inTransaction(connection -> storedAttributes(connection, environment.id(), principal(principalId)));
    }

    @Override
    public Map<String, String> replaceAttributes(Caller caller, String environmentId, String principalId,
            Map<String, String> attributes) {
        Environment environment = writable(caller, environmentId);
        String principal = principal(principalId);
        if (attributes.size() > config.maxAttributesPerPrincipal()) {
            throw ControlPlaneException.invalid("attributes", "size",
                    "at most " + config.maxAttributesPerPrincipal() + " attributes");
        }
        for (Map.Entry<String, String> each : attributes.entrySet()) {
            if (!ATTRIBUTE_NAME.matcher(each.getKey()).matches()) {
                throw ControlPlaneException.invalid("attributes." + each.getKey(), "format",
                        "attribute names are letters, digits and underscores");
            }
            if (each.getValue() == null || each.getValue().length() > 1000) {
                throw ControlPlaneException.invalid("attributes." + each.getKey(), "type",
                        "attribute values are texts of at most 1000 characters");
            }
        }
        Map<String, String> stored = new LinkedHashMap<>(attributes);
        inTransaction(connection -> {
            update(connection, "DELETE FROM policy_attributes WHERE env_id = ? AND principal_id = ?",
                    environment.id(), principal);
            for (Map.Entry<String, String> each : stored.entrySet()) {
                update(connection, "INSERT INTO policy_attributes (env_id, principal_id, attr_name, attr_value)"
                        + " VALUES (?, ?, ?, ?)", environment.id(), principal, each.getKey(), each.getValue());
            }
            events.publish(connection, new DomainEvent("policy.attributes_changed", environment.organizationId(),
                    caller.identity().userId(), principal, Map.of("env_id", environment.id(),
                            "names", String.join(",", stored.keySet())), Instant.now()));
            return null;
        });
        changed(environment.id());
        return Map.copyOf(stored);
    }

    @Override
    public PolicyEvaluation evaluate(Caller caller, String environmentId, String sql, Principal principal) {
        Environment environment = writable(caller, environmentId);
        if (sql == null || sql.isBlank()) {
            throw ControlPlaneException.invalid("sql", "required", "sql is required");
        }
        return new Evaluation(analyzer, providers.all(PolicyEvaluator.class), providers.all(RowFilterProvider.class),
                providers.all(ColumnMaskProvider.class)).run(environment, caller, sql, principal);
    }

    @Override
    public List<Policy> enabledPolicies(String environmentId) {
        return enabled(enabledCache, environmentId, Policy.ENFORCE);
    }

    @Override
    public List<Policy> shadowPolicies(String environmentId) {
        return enabled(shadowCache, environmentId, Policy.SHADOW);
    }

    private List<Policy> enabled(Map<String, List<Policy>> cache, String environmentId, String mode) {
        List<Policy> cached = cache.get(environmentId);
        if (cached != null) {
            return cached;
        }
        List<Policy> loaded = List.copyOf(inTransaction(connection -> policies(connection, "SELECT " + COLUMNS
                + " FROM policies WHERE env_id = ? AND enabled = TRUE AND mode = ? ORDER BY created_at, id",
                environmentId, mode)));
        if (cache.size() >= MAX_CACHED_ENVIRONMENTS) {
            cache.clear();
        }
        cache.put(environmentId, loaded);
        return loaded;
    }

    @Override
    public ShadowReport shadowReport(Caller caller, String environmentId, String policyId) {
        Policy policy = get(caller, environmentId, policyId);
        ShadowLog.Summary summary = shadowLog.summary(policy.policyId());
        return new ShadowReport(policy.policyId(), policy.mode(), summary.evaluated(), summary.deny(), summary.mask(),
                summary.filter(), summary.principals(), summary.first(), summary.last(),
                shadowLog.dropped(policy.policyId()), shadowLog.samples(policy.policyId(), 10));
    }

    @Override
    public Page<ShadowDecision> shadowDecisions(Caller caller, String environmentId, String policyId, String decision,
            PageRequest page) {
        Policy policy = get(caller, environmentId, policyId);
        if (decision != null && !List.of(ShadowDecision.DENY, ShadowDecision.MASK, ShadowDecision.FILTER,
                ShadowDecision.NONE).contains(decision)) {
            throw ControlPlaneException.invalid("decision", "enum", "decision must be deny, mask, filter or none");
        }
        return shadowLog.decisions(policy.policyId(), decision, page);
    }

    @Override
    public Map<String, String> attributesOf(Identity identity) {
        Map<String, Map<String, String>> environment = attributeCache.computeIfAbsent(identity.environmentId(), env -> {
            if (attributeCache.size() >= MAX_CACHED_ENVIRONMENTS) {
                attributeCache.clear();
            }
            return new ConcurrentHashMap<>();
        });
        Map<String, String> result = new LinkedHashMap<>();
        for (String principal : List.of(identity.userId(), identity.keyId())) {
            if (principal.isEmpty()) {
                continue;
            }
            Map<String, String> stored = environment.get(principal);
            if (stored == null) {
                stored = inTransaction(connection -> storedAttributes(connection, identity.environmentId(), principal));
                if (environment.size() < MAX_CACHED_ENVIRONMENTS) {
                    environment.put(principal, stored);
                }
            }
            result.putAll(stored);
        }
        return Map.copyOf(result);
    }

    private void changed(String environmentId) {
        enabledCache.remove(environmentId);
        shadowCache.remove(environmentId);
        attributeCache.remove(environmentId);
    }

    private Environment readable(Caller caller, String environmentId) {
        Environment environment = environments.get(caller, environmentId);
        if (!caller.role().has(Permission.MANAGE_POLICIES) && !caller.role().has(Permission.VIEW_AUDIT_LOGS)) {
            throw ControlPlaneException.forbidden("the role " + caller.role().json() + " may not read policies");
        }
        return environment;
    }

    private Environment writable(Caller caller, String environmentId) {
        Environment environment = environments.get(caller, environmentId);
        if (!caller.role().has(Permission.MANAGE_POLICIES)) {
            throw ControlPlaneException.forbidden("the role " + caller.role().json() + " may not manage policies");
        }
        if (caller.method() == Caller.Method.API_KEY && !caller.scopes().contains("policies:manage")) {
            throw ControlPlaneException.forbidden("the API key lacks the scope policies:manage");
        }
        return environment;
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ControlPlaneException.invalid("name", "size", "name must be 1 to 200 characters");
        }
        return name.strip();
    }

    private static String mode(String mode) {
        if (!Policy.ENFORCE.equals(mode) && !Policy.SHADOW.equals(mode)) {
            throw ControlPlaneException.invalid("mode", "enum", "mode must be enforce or shadow");
        }
        return mode;
    }

    private static String principal(String principalId) {
        if (principalId == null || !PRINCIPAL.matcher(principalId).matches()) {
            throw ControlPlaneException.notFound("principal");
        }
        return principalId;
    }

    private void publish(Connection connection, Caller caller, String type, Policy policy) throws SQLException {
        events.publish(connection, new DomainEvent(type, policy.organizationId(), caller.identity().userId(),
                policy.policyId(), Map.of("env_id", policy.environmentId(), "name", policy.name(),
                        "type", policy.type(), "enabled", Boolean.toString(policy.enabled()), "mode", policy.mode()),
                Instant.now()));
    }

    private static Policy find(Connection connection, String environmentId, String policyId) throws SQLException {
        List<Policy> found = policies(connection, "SELECT " + COLUMNS + " FROM policies WHERE env_id = ? AND id = ?",
                environmentId, Objects.requireNonNullElse(policyId, ""));
        if (found.isEmpty()) {
            throw ControlPlaneException.notFound("policy");
        }
        return found.get(0);
    }

    private static int count(Connection connection, String environmentId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM policies WHERE env_id = ?")) {
            statement.setString(1, environmentId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Policy> policies(Connection connection, String sql, Object... parameters) throws SQLException {
        List<Policy> result = new ArrayList<>();
        try (PreparedStatement statement = prepare(connection, sql, parameters); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                result.add(new Policy(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getBoolean(6), (Map<String, Object>) Json.read(rows.getString(7)),
                        rows.getTimestamp(8).toInstant(), rows.getTimestamp(9).toInstant(), rows.getString(10)));
            }
        }
        return result;
    }

    private static Map<String, String> storedAttributes(Connection connection, String environmentId, String principal)
            throws SQLException {
        Map<String, String> result = new LinkedHashMap<>();
        try (PreparedStatement statement = prepare(connection, "SELECT attr_name, attr_value FROM policy_attributes"
                + " WHERE env_id = ? AND principal_id = ? ORDER BY attr_name", environmentId, principal);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                result.put(rows.getString(1), rows.getString(2));
            }
        }
        return Map.copyOf(result);
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i] instanceof Instant each ? Timestamp.from(each) : parameters[i];
            statement.setObject(i + 1, value);
        }
        return statement;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException ex) {
                connection.rollback();
                throw ex;
            }
        } catch (SQLException ex) {
            if (ex.getSQLState() != null && ex.getSQLState().startsWith("23")) {
                throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT,
                        "a policy with this name already exists in the environment");
            }
            LOG.error("Policy store statement failed: {} ({})", ex.getMessage(), ex.getSQLState());
            throw new ControlPlaneException(ControlPlaneException.Reason.UNAVAILABLE, "the policy store is unavailable");
        }
    }

    private static String randomId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder result = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            result.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return result.toString();
    }
}
