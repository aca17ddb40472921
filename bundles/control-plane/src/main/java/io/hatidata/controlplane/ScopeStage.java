package io.hatidata.controlplane;

import io.hatidata.api.controlplane.Permission;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.controlplane.Scopes;
import io.hatidata.api.identity.Identity;
import io.hatidata.api.pipeline.QueryChain;
import io.hatidata.api.pipeline.QueryContext;
import io.hatidata.api.pipeline.QueryStage;
import io.hatidata.api.query.QueryException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Enforces roles and key scopes on every statement, whichever front-end it came from (order
 * {@value #ORDER}, after table extraction and before policies): a role without the execute-queries
 * permission (auditor) is refused; a statement that may change the schema needs a role with the
 * modify-schema permission (owner, admin, developer); a statement that may write ({@link StatementClassifier}) needs
 * {@code query:write}, any other needs {@code query:read}. An API key's scopes come from the store (they
 * never change after creation, so they are cached per key); an access token has its role's scopes. The
 * role is the one in force for this statement, including a just-in-time elevation (SPEC §2.8.1); the stage
 * passes it on as the statement's effective identity ({@link QueryContext#identity()}), so the policy,
 * row-filter and masking stages see the elevated role too, and the next statement after {@code expires_at}
 * sees the credential's own role again.
 * Refusals are {@code 42501}.
 */
@Component(service = QueryStage.class, property = {QueryStage.ORDER + ":Integer=" + ScopeStage.ORDER,
        QueryStage.NAME + "=key-scopes"})
public final class ScopeStage implements QueryStage {
    static final int ORDER = 350;
    private static final int MAX_CACHED_KEYS = 10_000;

    private final ApiKeyAuthenticator authenticator;
    private final Map<String, Set<String>> keyScopes = new ConcurrentHashMap<>();

    @Activate
    public ScopeStage(@Reference ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void process(QueryContext context, QueryChain chain) throws QueryException {
        Identity identity = context.session().identity();
        Role role = authenticator.effectiveRole(identity);
        if (!role.has(Permission.EXECUTE_QUERIES)) {
            throw new QueryException("42501", "the role " + role.json() + " may not run queries");
        }
        if (!role.has(Permission.MODIFY_SCHEMA) && StatementClassifier.changesSchema(context.sql())) {
            throw new QueryException("42501", "permission denied: the role " + role.json() + " may not change the schema");
        }
        String needed = StatementClassifier.writes(context.sql()) ? Scopes.QUERY_WRITE : Scopes.QUERY_READ;
        if (!scopes(identity, role).contains(needed)) {
            throw new QueryException("42501", "permission denied: the API key lacks the scope " + needed);
        }
        chain.proceed(role.json().equals(identity.role()) ? context : context.withIdentity(effective(identity, role)));
    }

    /** The identity with the role in force for this statement, for every later stage (policies, masks, filters). */
    static Identity effective(Identity identity, Role role) {
        return new Identity(identity.organizationId(), identity.userId(), identity.userName(), role.json(),
                identity.environmentId(), identity.environmentName(), identity.keyId());
    }

    private Set<String> scopes(Identity identity, Role role) throws QueryException {
        if (identity.keyId().isEmpty()) {
            return Scopes.forRole(role);
        }
        Set<String> cached = keyScopes.get(identity.keyId());
        if (cached != null) {
            return cached;
        }
        Set<String> result = authenticator.scopesOf(identity.keyId());
        if (keyScopes.size() >= MAX_CACHED_KEYS) {
            keyScopes.clear();
        }
        keyScopes.put(identity.keyId(), result);
        return result;
    }
}
