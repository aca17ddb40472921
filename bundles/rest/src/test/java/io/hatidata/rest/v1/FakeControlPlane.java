package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.ApiKey;
import io.hatidata.api.controlplane.ApiKeyService;
import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.CallerAuthenticator;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.CreatedApiKey;
import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.controlplane.EnvironmentChanges;
import io.hatidata.api.controlplane.EnvironmentService;
import io.hatidata.api.controlplane.LoginResult;
import io.hatidata.api.controlplane.NewApiKey;
import io.hatidata.api.controlplane.Organization;
import io.hatidata.api.controlplane.OrganizationChanges;
import io.hatidata.api.controlplane.OrganizationService;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.controlplane.RotatedApiKey;
import io.hatidata.api.controlplane.Scopes;
import io.hatidata.api.controlplane.Tier;
import io.hatidata.api.controlplane.TokenService;
import io.hatidata.api.controlplane.Tokens;
import io.hatidata.api.controlplane.User;
import io.hatidata.api.controlplane.UserService;
import io.hatidata.api.identity.AuthenticationException;
import io.hatidata.api.identity.Credentials;
import io.hatidata.api.identity.Identity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An in-memory control plane for the HTTP tests: one organization {@code org_a}, environment
 * {@code env_dev_a}; the key {@link #OWNER_KEY} and the token {@link #TOKEN} prove the owner,
 * {@link #ANALYST_KEY} an analyst with {@code query:read}. The real services are tested in the
 * control-plane bundle; here only the HTTP mapping matters.
 */
final class FakeControlPlane implements CallerAuthenticator, TokenService, OrganizationService {
    static final String OWNER_KEY = "hd_live_" + "a".repeat(32);
    static final String ANALYST_KEY = "hd_live_" + "b".repeat(32);
    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c3JfYSJ9.c2ln";
    static final Instant NOW = Instant.parse("2026-02-16T10:00:00Z");

    final List<String> remoteAddresses = new ArrayList<>();
    final List<Environment> environments = new ArrayList<>(List.of(environment("env_dev_a", "development")));
    final Environments environmentService = new Environments();
    final Keys keyService = new Keys();
    final Users userService = new Users();
    final AgentKeys agentKeyService = new AgentKeys();

    @Override
    public Caller authenticateCaller(Credentials credentials) throws AuthenticationException {
        remoteAddresses.add(credentials.remoteAddress());
        if (OWNER_KEY.equals(credentials.secret())) {
            return caller(Role.OWNER, Caller.Method.API_KEY, "key_owner", Set.copyOf(Scopes.ALL));
        }
        if (ANALYST_KEY.equals(credentials.secret())) {
            return caller(Role.ANALYST, Caller.Method.API_KEY, "key_analyst", Set.of(Scopes.QUERY_READ));
        }
        if (TOKEN.equals(credentials.secret())) {
            return caller(Role.OWNER, Caller.Method.ACCESS_TOKEN, "", Scopes.forRole(Role.OWNER));
        }
        throw new AuthenticationException("authentication failed");
    }

    private static Caller caller(Role role, Caller.Method method, String keyId, Set<String> scopes) {
        return new Caller(new Identity("org_a", "usr_a", "admin", role.json(), "env_dev_a", "development", keyId),
                method, scopes, Tier.FREE, "owner@example.com");
    }

    @Override
    public LoginResult login(String email, String password, String organizationId, String environment, String remoteAddress) {
        if (!"owner@example.com".equals(email) || !"right password".equals(password)) {
            throw new ControlPlaneException(ControlPlaneException.Reason.UNAUTHORIZED, "invalid e-mail or password");
        }
        return new LoginResult(new Tokens(TOKEN, "hdr_1.secret", 3600), user("usr_a", Role.OWNER),
                organization(), "env_dev_a");
    }

    /** The one invitation token this fake accepts. */
    static final String INVITATION = "hd_inv_" + "x".repeat(43);

    @Override
    public LoginResult acceptInvitation(String invitationToken, String password, String name, String remoteAddress) {
        if (!INVITATION.equals(invitationToken)) {
            throw new ControlPlaneException(ControlPlaneException.Reason.UNAUTHORIZED, "invalid invitation token");
        }
        return new LoginResult(new Tokens(TOKEN, "hdr_1.secret", 3600), user("usr_new", Role.ANALYST),
                organization(), "env_dev_a");
    }

    @Override
    public Tokens refresh(String refreshToken, String remoteAddress) {
        if (!"hdr_1.secret".equals(refreshToken)) {
            throw new ControlPlaneException(ControlPlaneException.Reason.UNAUTHORIZED, "invalid refresh token");
        }
        return new Tokens(TOKEN, "hdr_2.secret", 3600);
    }

    @Override
    public String jsonWebKeySet() {
        return "{\"keys\":[]}";
    }

    @Override
    public Organization create(Caller caller, OrganizationChanges organization) {
        return organization();
    }

    @Override
    public Organization get(Caller caller, String organizationId) {
        member(caller, organizationId);
        return organization();
    }

    @Override
    public Page<Organization> list(Caller caller, PageRequest page) {
        return new Page<>(List.of(organization()), null, 1);
    }

    @Override
    public Organization update(Caller caller, String organizationId, OrganizationChanges changes) {
        member(caller, organizationId);
        return organization();
    }

    @Override
    public void delete(Caller caller, String organizationId) {
        member(caller, organizationId);
    }

    final class Environments implements EnvironmentService {
    @Override
    public Environment create(Caller caller, String organizationId, EnvironmentChanges environment) {
        member(caller, organizationId);
        if (caller.role() != Role.OWNER) {
            throw ControlPlaneException.forbidden("no");
        }
        if (environment.name() == null) {
            throw ControlPlaneException.invalid("name", "required", "name is required");
        }
        Environment result = environment("env_" + environment.name(), environment.name());
        environments.add(result);
        return result;
    }

    @Override
    public Page<Environment> list(Caller caller, String organizationId, PageRequest page) {
        member(caller, organizationId);
        int from = page.cursor() == null ? 0 : Integer.parseInt(page.cursor().substring(4));
        int to = Math.min(environments.size(), from + page.limit());
        return new Page<>(environments.subList(from, to), to < environments.size() ? "cur_" + to : null, environments.size());
    }

    @Override
    public Environment get(Caller caller, String environmentId) {
        return environments.stream().filter(each -> each.id().equals(environmentId)).findFirst()
                .orElseThrow(() -> ControlPlaneException.notFound("environment"));
    }

    @Override
    public Environment update(Caller caller, String environmentId, EnvironmentChanges changes) {
        return get(caller, environmentId);
    }

    @Override
    public void delete(Caller caller, String environmentId) {
        get(caller, environmentId);
    }

    }

    final class Keys implements ApiKeyService {
    @Override
    public CreatedApiKey create(Caller caller, String environmentId, NewApiKey key) {
        environmentService.get(caller, environmentId);
        return new CreatedApiKey(apiKey(key.name(), key.scopes()), "hd_test_" + "c".repeat(32));
    }

    @Override
    public Page<ApiKey> list(Caller caller, String environmentId, PageRequest page) {
        environmentService.get(caller, environmentId);
        return new Page<>(List.of(apiKey("k", List.of("query:read"))), null, 1);
    }

    @Override
    public ApiKey get(Caller caller, String environmentId, String keyId) {
        return apiKey("k", List.of("query:read"));
    }

    @Override
    public RotatedApiKey rotate(Caller caller, String environmentId, String keyId, Integer gracePeriodHours) {
        return new RotatedApiKey(keyId, new CreatedApiKey(apiKey("k", List.of()), "hd_test_" + "d".repeat(32)),
                gracePeriodHours == null ? DEFAULT_GRACE_PERIOD_HOURS : gracePeriodHours);
    }

    @Override
    public ApiKey revoke(Caller caller, String environmentId, String keyId) {
        return apiKey("k", List.of());
    }

    }

    final class Users implements UserService {
    @Override
    public io.hatidata.api.controlplane.InvitedUser invite(Caller caller, String organizationId, String email,
            String name, String role) {
        member(caller, organizationId);
        return new io.hatidata.api.controlplane.InvitedUser(invitedUser("usr_new"), INVITATION, false);
    }

    @Override
    public io.hatidata.api.controlplane.InvitedUser resendInvitation(Caller caller, String organizationId, String userId) {
        member(caller, organizationId);
        return new io.hatidata.api.controlplane.InvitedUser(invitedUser(userId), null, true);
    }

    @Override
    public Page<User> list(Caller caller, String organizationId, String role, String status, PageRequest page) {
        member(caller, organizationId);
        return new Page<>(List.of(user("usr_a", Role.OWNER)), null, 1);
    }

    @Override
    public User get(Caller caller, String organizationId, String userId) {
        member(caller, organizationId);
        return user(userId, Role.ANALYST);
    }

    @Override
    public User changeRole(Caller caller, String organizationId, String userId, String role) {
        member(caller, organizationId);
        return user(userId, Role.fromJson(role).orElseThrow());
    }

    @Override
    public User suspend(Caller caller, String organizationId, String userId) {
        return user(userId, Role.ANALYST);
    }

    @Override
    public void remove(Caller caller, String organizationId, String userId) {
        member(caller, organizationId);
    }

    }

    final class AgentKeys implements io.hatidata.api.controlplane.AgentKeyService {
        private io.hatidata.api.controlplane.AgentKey key(String name) {
            return new io.hatidata.api.controlplane.AgentKey(apiKey(name, List.of("query:read")), name, "custom", null,
                    List.of(), List.of());
        }

        @Override
        public io.hatidata.api.controlplane.CreatedAgentKey create(Caller caller, String organizationId,
                io.hatidata.api.controlplane.NewAgentKey key) {
            member(caller, organizationId);
            return new io.hatidata.api.controlplane.CreatedAgentKey(key(key.agentName()), "hd_agent_" + "e".repeat(31));
        }

        @Override
        public Page<io.hatidata.api.controlplane.AgentKey> list(Caller caller, String organizationId, PageRequest page) {
            member(caller, organizationId);
            return new Page<>(List.of(key("bot")), null, 1);
        }

        @Override
        public io.hatidata.api.controlplane.AgentKey get(Caller caller, String organizationId, String keyId) {
            member(caller, organizationId);
            return key("bot");
        }

        @Override
        public io.hatidata.api.controlplane.AgentKey update(Caller caller, String organizationId, String keyId,
                String agentName, String description, List<String> allowedSchemas, List<String> allowedTables) {
            return key(agentName == null ? "bot" : agentName);
        }

        @Override
        public RotatedApiKey rotate(Caller caller, String organizationId, String keyId, Integer gracePeriodHours) {
            return new RotatedApiKey(keyId, new CreatedApiKey(apiKey("bot", List.of()), "hd_agent_" + "f".repeat(31)), 24);
        }

        @Override
        public ApiKey revoke(Caller caller, String organizationId, String keyId) {
            return apiKey("bot", List.of());
        }
    }

    private static void member(Caller caller, String organizationId) {
        if (!caller.identity().organizationId().equals(organizationId)) {
            throw ControlPlaneException.notFound("organization");
        }
    }

    static Organization organization() {
        return new Organization("org_a", "default", "default", "b@example.com", "us-east-1", Tier.FREE, "active", false,
                false, NOW, NOW);
    }

    static Environment environment(String id, String name) {
        return new Environment(id, "org_a", name, name, "active", 30_000, 50, false, NOW, NOW);
    }

    static ApiKey apiKey(String name, List<String> scopes) {
        return new ApiKey("key_1", "org_a", "env_dev_a", name, "hd_test_cccc", scopes, List.of(), Role.OWNER, "active",
                null, null, NOW, "usr_a");
    }

    static User invitedUser(String id) {
        return new User(id, "org_a", "n@example.com", "N", Role.ANALYST, "invited", false, null, NOW, NOW.plusSeconds(7 * 86400));
    }

    static User user(String id, Role role) {
        return new User(id, "org_a", "owner@example.com", "Owner", role, "active", false, null, NOW, null);
    }
}
