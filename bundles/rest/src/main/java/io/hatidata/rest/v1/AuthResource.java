package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.LoginResult;
import io.hatidata.api.controlplane.Tokens;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;

/**
 * {@code POST /v1/auth/login}, {@code POST /v1/auth/refresh}, {@code GET /v1/auth/me} (SPEC §1.8.3) and
 * {@code POST /v1/auth/accept-invitation}.
 */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthResource {
    private final Services services;

    AuthResource(Services services) {
        this.services = services;
    }

    /** {@code {email, password, org_id?, environment?}} → {@code {token, access_token, refresh_token, expires_in, user, org}}. */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> login(Map<String, Object> json, @Context ContainerRequestContext request) {
        Body body = Body.of(json);
        return loggedIn(services.tokens().login(body.requiredString("email"), body.requiredString("password"),
                body.string("org_id"), body.string("environment"), AuthenticationFilter.remoteAddress(request)));
    }

    /**
     * {@code {token, password, name?}}: the invited user chooses a password and is logged in; the answer is
     * that of {@link #login}. The token works once.
     */
    @POST
    @Path("accept-invitation")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> acceptInvitation(Map<String, Object> json, @Context ContainerRequestContext request) {
        Body body = Body.of(json);
        return loggedIn(services.tokens().acceptInvitation(body.requiredString("token"), body.requiredString("password"),
                body.string("name"), AuthenticationFilter.remoteAddress(request)));
    }

    private static Map<String, Object> loggedIn(LoginResult result) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", result.user().id());
        user.put("email", result.user().email());
        user.put("name", result.user().name());
        user.put("role", result.user().role().json());
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("id", result.organization().id());
        org.put("name", result.organization().name());
        org.put("slug", result.organization().slug());
        org.put("tier", result.organization().tier().json());
        Map<String, Object> answer = tokens(result.tokens());
        answer.put("token", result.tokens().accessToken());
        answer.put("env_id", result.environmentId());
        answer.put("user", user);
        answer.put("org", org);
        return answer;
    }

    /** {@code {refresh_token}} → {@code {access_token, refresh_token, expires_in}}; the old refresh token stops working. */
    @POST
    @Path("refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> refresh(Map<String, Object> json, @Context ContainerRequestContext request) {
        Tokens tokens = services.tokens().refresh(Body.of(json).requiredString("refresh_token"),
                AuthenticationFilter.remoteAddress(request));
        return tokens(tokens);
    }

    /** {@code {user_id, email, org_id, role, tier, env_id, key_id, auth_method, scopes}}. */
    @GET
    @Path("me")
    public Map<String, Object> me(@Context ContainerRequestContext request) {
        Caller caller = Callers.of(request);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("user_id", caller.identity().userId());
        result.put("email", caller.email());
        result.put("org_id", caller.identity().organizationId());
        result.put("role", caller.identity().role());
        result.put("tier", caller.tier().json());
        result.put("env_id", caller.identity().environmentId());
        result.put("key_id", caller.identity().keyId().isEmpty() ? null : caller.identity().keyId());
        result.put("auth_method", caller.method() == Caller.Method.API_KEY ? "api_key" : "jwt");
        result.put("scopes", caller.scopes().stream().sorted().toList());
        return result;
    }

    private static Map<String, Object> tokens(Tokens tokens) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("access_token", tokens.accessToken());
        result.put("refresh_token", tokens.refreshToken());
        result.put("token_type", "Bearer");
        result.put("expires_in", tokens.expiresInSeconds());
        return result;
    }
}
