package io.hatidata.controlplane;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.CallerAuthenticator;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.controlplane.Scopes;
import io.hatidata.api.controlplane.Tier;
import io.hatidata.api.identity.AuthenticationException;
import io.hatidata.api.identity.AuthenticationUnavailableException;
import io.hatidata.api.identity.Authenticator;
import io.hatidata.api.identity.Credentials;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.runtime.DataDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates API keys: a well-formed key is looked up by its 12-character prefix, and each live
 * (neither revoked nor expired) candidate's Argon2id hash is verified; the first match proves the
 * identity of the key's user in the key's environment. An unknown prefix still costs one Argon2id
 * verification, so response time does not reveal which prefixes exist. Keys that verified recently
 * are served from a {@link VerifiedKeyCache}.
 *
 * <p>On activation it brings the control-plane schema up to date and, when the store holds no
 * organization yet, bootstraps the owner ({@link OwnerBootstrap}): a generated key is printed once on
 * the console and written to {@code bootstrap-api-key} in the data folder, readable only by its owner.
 * The component is immediate so that the bootstrap happens when the product starts, not at the first
 * login.
 */
@Component(configurationPid = ControlPlanePids.CONTROL_PLANE, immediate = true,
        service = {Authenticator.class, CallerAuthenticator.class, ApiKeyAuthenticator.class})
@Designate(ocd = ApiKeyAuthenticatorConfig.class)
public final class ApiKeyAuthenticator implements Authenticator, CallerAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticator.class);
    private static final String FAILURE = "authentication failed";
    private static final String CANDIDATES = "SELECT k.id, k.key_hash, k.role, k.org_id, k.user_id, u.user_name,"
            + " k.environment_id, e.name, k.scopes, k.ip_allowlist, o.tier, u.email, k.expires_at FROM api_keys k"
            + " JOIN users u ON u.id = k.user_id JOIN environments e ON e.id = k.environment_id"
            + " JOIN organizations o ON o.id = k.org_id"
            + " WHERE k.key_prefix = ? AND k.revoked_at IS NULL"
            + " AND (k.expires_at IS NULL OR k.expires_at > CURRENT_TIMESTAMP)"
            + " AND o.status = 'active' AND u.status = 'active' AND e.status <> 'deleted'";
    private static final String SESSION = "SELECT u.user_name, u.role, u.email, o.tier, e.name FROM auth_sessions s"
            + " JOIN users u ON u.id = s.user_id JOIN organizations o ON o.id = s.org_id"
            + " JOIN environments e ON e.id = s.environment_id"
            + " WHERE s.id = ? AND s.revoked_at IS NULL AND u.id = ? AND o.id = ? AND e.id = ?"
            + " AND u.status = 'active' AND o.status = 'active' AND e.status <> 'deleted'";
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final Argon2idHasher hasher;
    /**
     * Bounds concurrent Argon2id verifications (each holds {@code argon2MemoryKiB} of heap), so a flood of
     * well-formed but wrong keys costs at most this many hashes' memory and never exhausts the heap.
     */
    private final Semaphore hashing;
    private final VerifiedKeyCache<Grant> cache;
    private final AccessTokens tokens;
    private final JitElevations elevations;
    private final Map<String, Instant> lastUsedWritten = new ConcurrentHashMap<>();
    /** A hash of a random secret, verified when no candidate exists, to keep timing uniform. */
    private final String decoyHash;

    @Activate
    public ApiKeyAuthenticator(
            @Reference(name = "dataSource") DataSource dataSource, @Reference AccessTokens tokens,
            ApiKeyAuthenticatorConfig config)
            throws SQLException, IOException {
        this(dataSource, tokens, config, System.getenv());
    }

    ApiKeyAuthenticator(DataSource dataSource, AccessTokens tokens, ApiKeyAuthenticatorConfig config,
            Map<String, String> environment) throws SQLException, IOException {
        SecureRandom random = new SecureRandom();
        this.dataSource = dataSource;
        this.tokens = tokens;
        this.hasher = new Argon2idHasher(
                config.argon2MemoryKiB(), config.argon2Iterations(), config.argon2Parallelism(), random);
        this.cache = new VerifiedKeyCache<>(
                Duration.ofSeconds(Math.max(0, config.verifiedKeyCacheSeconds())),
                config.verifiedKeyCacheSize(),
                Clock.systemUTC());
        this.elevations = new JitElevations(dataSource, Clock.systemUTC());
        this.hashing = new Semaphore(Math.max(1, config.maxConcurrentVerifications()), true);
        this.decoyHash = hasher.hash(ApiKeys.newLiveKey(random));
        int before = ControlPlaneSchema.migrate(dataSource);
        if (before == 0) {
            LOG.info("Control-plane schema created");
        }
        BootstrapSettings settings = BootstrapSettings.fromEnvironment(environment);
        Path dataDir = DataDirectory.resolve(config.dataDir());
        Optional<OwnerBootstrap.Result> bootstrapped = new OwnerBootstrap(dataSource, hasher, random)
                .bootstrapIfEmpty(settings, generated -> keepSecrets(generated, dataDir));
        if (bootstrapped.isPresent()) {
            announce(bootstrapped.get(), settings, dataDir);
        }
    }

    /** A verified key: the caller it proves and the conditions checked on every use. */
    private record Grant(Caller caller, List<Cidr> allowlist, Instant expiresAt) {}

    /**
     * Accepts an API key or an access token (JWT) as the secret, so psql can log in with either. The
     * identity carries the credential's own role: a just-in-time elevation is applied per statement
     * ({@link #effectiveRole}), so it can begin and end while the connection stays open.
     */
    @Override
    public Identity authenticate(Credentials credentials) throws AuthenticationException {
        return verifiedCaller(credentials).identity();
    }

    /**
     * The caller a credential proves, with the role of a just-in-time grant in force for it (checked on
     * every call, after the verified-key cache, so neither a fresh approval nor an expiry waits for the
     * cache). A key keeps its own scopes; an access token gets the scopes of the granted role.
     */
    @Override
    public Caller authenticateCaller(Credentials credentials) throws AuthenticationException {
        return elevated(verifiedCaller(credentials));
    }

    private Caller verifiedCaller(Credentials credentials) throws AuthenticationException {
        String secret = credentials.secret();
        if (AccessTokens.looksLikeToken(secret)) {
            return tokenCaller(secret);
        }
        if (!ApiKeys.isWellFormed(secret)) {
            throw new AuthenticationException(FAILURE);
        }
        Grant grant = cache.get(secret);
        if (grant == null) {
            grant = verifiedGrant(secret);
            cache.put(secret, grant);
        }
        if (grant.expiresAt() != null && !Instant.now().isBefore(grant.expiresAt())) {
            throw new AuthenticationException(FAILURE);
        }
        if (!Cidr.admits(grant.allowlist(), credentials.remoteAddress())) {
            LOG.info("Key {} refused from an address outside its allowlist", grant.caller().identity().keyId());
            throw new AuthenticationException(FAILURE);
        }
        recordUse(grant.caller().identity().keyId());
        return grant.caller();
    }

    private Caller elevated(Caller caller) throws AuthenticationException {
        Optional<Role> granted;
        try {
            granted = elevations.elevatedRole(caller.identity());
        } catch (SQLException ex) {
            LOG.error("JIT grant lookup failed: {} ({})", ex.getMessage(), ex.getSQLState());
            throw new AuthenticationUnavailableException("authentication is unavailable: the control plane cannot be reached");
        }
        if (granted.isEmpty() || granted.get() == caller.role()) {
            return caller;
        }
        Identity base = caller.identity();
        Identity identity = new Identity(base.organizationId(), base.userId(), base.userName(), granted.get().json(),
                base.environmentId(), base.environmentName(), base.keyId());
        Set<String> scopes = caller.method() == Caller.Method.ACCESS_TOKEN ? Scopes.forRole(granted.get()) : caller.scopes();
        return new Caller(identity, caller.method(), scopes, caller.tier(), caller.email());
    }

    /**
     * The role a statement of this identity runs with now: the role of a just-in-time grant in force, else
     * the identity's own. The pipeline asks this per statement, so a wire session opened before an approval
     * is elevated at its next statement and one opened during an elevation loses it at expiry.
     */
    Role effectiveRole(Identity identity) throws io.hatidata.api.query.QueryException {
        try {
            Optional<Role> granted = elevations.elevatedRole(identity);
            if (granted.isPresent()) {
                return granted.get();
            }
        } catch (SQLException ex) {
            LOG.error("JIT grant lookup failed: {} ({})", ex.getMessage(), ex.getSQLState());
            throw new io.hatidata.api.query.QueryException("57P03", "the control plane cannot be reached");
        }
        // A wire identity carries the credential's own role; a REST caller's identity was elevated when the
        // request was authenticated, which holds for that one request.
        return Role.fromJson(identity.role()).orElse(Role.AUDITOR);
    }

    /**
     * The role a caller has without any just-in-time grant: the key's stored role, or the user's. Used as
     * the ceiling of what an elevated caller may hand out durably (the role of a key they create).
     */
    Role baseRole(Caller caller) {
        Identity identity = caller.identity();
        boolean key = !identity.keyId().isEmpty();
        return new Db(dataSource).queryOne(key ? "SELECT role FROM api_keys WHERE id = ?" : "SELECT role FROM users WHERE id = ?",
                row -> Role.fromJson(row.getString(1)).orElse(Role.AUDITOR), key ? identity.keyId() : identity.userId())
                .orElse(Role.AUDITOR);
    }

    /** Just-in-time grants changed (approved, revoked, expired): the next use looks them up again. */
    void jitGrantsChanged() {
        elevations.forgetAll();
    }

    /** The canonical scopes of a key (empty for an unknown key). */
    Set<String> scopesOf(String keyId) throws io.hatidata.api.query.QueryException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT scopes FROM api_keys WHERE id = ?")) {
            statement.setString(1, keyId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? words(rows.getString(1)) : Set.of();
            }
        } catch (SQLException ex) {
            LOG.error("Scope lookup failed: {} ({})", ex.getMessage(), ex.getSQLState());
            throw new io.hatidata.api.query.QueryException("57P03", "the control plane cannot be reached");
        }
    }

    /** Forgets every verified key, so revocations, suspensions and role changes apply at once. */
    void invalidateVerifiedKeys() {
        cache.clear();
    }

    /** The hasher with this node's Argon2id cost and concurrency bound, for the other services here. */
    String hash(String secret) {
        return hasher.hash(secret);
    }

    /** Verifies a secret against a stored hash under the concurrency bound. */
    boolean matches(String secret, String hash) throws AuthenticationException {
        return verify(secret, hash == null ? decoyHash : hash) && hash != null;
    }

    private Grant verifiedGrant(String key) throws AuthenticationException {
        List<Candidate> candidates = candidates(ApiKeys.prefix(key));
        if (candidates.isEmpty()) {
            verify(key, decoyHash);
            throw new AuthenticationException(FAILURE);
        }
        for (Candidate each : candidates) {
            if (verify(key, each.hash())) {
                return each.grant();
            }
        }
        throw new AuthenticationException(FAILURE);
    }

    private Caller tokenCaller(String token) throws AuthenticationException {
        AccessTokens.Claims claims = tokens.verify(token).orElseThrow(() -> new AuthenticationException(FAILURE));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SESSION)) {
            statement.setString(1, claims.sessionId());
            statement.setString(2, claims.userId());
            statement.setString(3, claims.organizationId());
            statement.setString(4, claims.environmentId());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new AuthenticationException(FAILURE);
                }
                Role role = Role.fromJson(rows.getString(2)).orElse(Role.AUDITOR);
                Identity identity = new Identity(claims.organizationId(), claims.userId(), rows.getString(1),
                        role.json(), claims.environmentId(), rows.getString(5), "");
                return new Caller(identity, Caller.Method.ACCESS_TOKEN, Scopes.forRole(role),
                        Tier.fromJson(rows.getString(4)).orElse(Tier.FREE), rows.getString(3));
            }
        } catch (SQLException ex) {
            LOG.error("Session lookup failed: {} ({})", ex.getMessage(), ex.getSQLState());
            throw new AuthenticationUnavailableException("authentication is unavailable: the control plane cannot be reached");
        }
    }

    private void recordUse(String keyId) {
        Instant now = Instant.now();
        Instant written = lastUsedWritten.get(keyId);
        if (written != null && written.plus(LAST_USED_PRECISION).isAfter(now)) {
            return;
        }
        lastUsedWritten.put(keyId, now);
        if (lastUsedWritten.size() > 100_000) {
            lastUsedWritten.clear();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("UPDATE api_keys SET last_used_at = ? WHERE id = ?")) {
            statement.setTimestamp(1, java.sql.Timestamp.from(now));
            statement.setString(2, keyId);
            statement.executeUpdate();
        } catch (SQLException ex) {
            LOG.warn("Could not record the use of key {}: {}", keyId, ex.getMessage());
        }
    }

    private boolean verify(String key, String hash) throws AuthenticationException {
        try {
            hashing.acquire();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AuthenticationUnavailableException("authentication was interrupted");
        }
        try {
            return hasher.verify(key, hash);
        } finally {
            hashing.release();
        }
    }

    private record Candidate(String hash, Grant grant) {}

    private List<Candidate> candidates(String prefix) throws AuthenticationException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(CANDIDATES)) {
            statement.setString(1, prefix);
            List<Candidate> result = new ArrayList<>(1);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Identity identity = new Identity(rows.getString(4), rows.getString(5), rows.getString(6),
                            rows.getString(3), rows.getString(7), rows.getString(8), rows.getString(1));
                    Caller caller = new Caller(identity, Caller.Method.API_KEY, words(rows.getString(9)),
                            Tier.fromJson(rows.getString(11)).orElse(Tier.FREE), rows.getString(12));
                    List<Cidr> allowlist = words(rows.getString(10)).stream().map(Cidr::parse).toList();
                    java.sql.Timestamp expires = rows.getTimestamp(13);
                    result.add(new Candidate(rows.getString(2),
                            new Grant(caller, allowlist, expires == null ? null : expires.toInstant())));
                }
            }
            return result;
        } catch (SQLException ex) {
            LOG.error("API-key lookup failed: {} ({})", ex.getMessage(), ex.getSQLState());
            throw new AuthenticationUnavailableException("authentication is unavailable: the control plane cannot be reached");
        }
    }

    /** The words of a space-separated column value. */
    static Set<String> words(String text) {
        if (text == null || text.isBlank()) {
            return java.util.Set.of();
        }
        return new java.util.LinkedHashSet<>(Arrays.asList(text.trim().split("\\s+")));
    }

    /**
     * Writes generated secrets to the data folder before the bootstrap commits, so a key that reaches the
     * database is never lost; a failed commit leaves files that the next bootstrap replaces.
     */
    private static void keepSecrets(OwnerBootstrap.Result generated, Path dataDir) throws IOException {
        if (generated.generatedApiKey().isPresent()) {
            OwnerSecretsFile.write(dataDir, OwnerSecretsFile.API_KEY_FILE, generated.generatedApiKey().get());
        }
        if (generated.generatedPassword().isPresent()) {
            OwnerSecretsFile.write(dataDir, OwnerSecretsFile.PASSWORD_FILE, generated.generatedPassword().get());
        }
    }

    private static void announce(OwnerBootstrap.Result result, BootstrapSettings settings, Path dataDir) {
        LOG.info("Bootstrapped organization {}, owner admin <{}>, environment development ({}), owner key {}…",
                result.organizationId(), settings.email(), result.environmentId(), result.keyPrefix());
        StringBuilder console = new StringBuilder()
                .append("\nHatiData is ready. Connect with:\n")
                .append("  psql -h 127.0.0.1 -p ${HATIDATA_PG_PORT:-5439} -U admin hatidata\n");
        if (result.generatedApiKey().isPresent()) {
            Path file = dataDir.resolve(OwnerSecretsFile.API_KEY_FILE);
            console.append("  password (owner API key, shown once): ").append(result.generatedApiKey().get()).append('\n')
                    .append("  the key is also in ").append(file).append(" (readable by this OS user only)\n");
            LOG.info("The owner API key was written to {}", file);
        } else {
            console.append("  password: the owner API key from HATIDATA_BOOTSTRAP_API_KEY\n");
        }
        if (result.generatedPassword().isPresent()) {
            console.append("  the owner's login password is in ").append(dataDir.resolve(OwnerSecretsFile.PASSWORD_FILE))
                    .append('\n');
        }
        // The console, not the log: the key must not end up in log files (the log gets only its prefix).
        System.out.println(console);
    }
}
