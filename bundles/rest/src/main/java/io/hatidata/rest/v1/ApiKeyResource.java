package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.CreatedApiKey;
import io.hatidata.api.controlplane.NewApiKey;
import io.hatidata.api.controlplane.RotatedApiKey;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** API keys of an environment (SPEC §2.5): the key itself only in the create and rotate answers. */
@Path("environments/{env_id}/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public final class ApiKeyResource {
    private final Services services;

    ApiKeyResource(Services services) {
        this.services = services;
    }

    /** {@code {name, scopes?, ip_allowlist?, role?, expires_in_days?}} → 201 metadata + {@code key}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("env_id") String envId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        Body body = Body.of(json);
        CreatedApiKey created = services.keys().create(Callers.of(request), envId, new NewApiKey(
                body.requiredString("name"), body.strings("scopes"), body.strings("ip_allowlist"), body.string("role"),
                body.integer("expires_in_days")));
        return Response.status(201).entity(withSecret(created)).build();
    }

    @GET
    public Map<String, Object> list(@PathParam("env_id") String envId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context ContainerRequestContext request) {
        return Views.page(services.keys().list(Callers.of(request), envId, Views.pageRequest(limit, cursor)), Views::apiKey);
    }

    @GET
    @Path("{key_id}")
    public Map<String, Object> get(@PathParam("env_id") String envId, @PathParam("key_id") String keyId,
            @Context ContainerRequestContext request) {
        return Views.apiKey(services.keys().get(Callers.of(request), envId, keyId));
    }

    /** {@code {grace_period_hours?}} → {@code {old_key_id, new_key, key, grace_period_hours}}. */
    @POST
    @Path("{key_id}/rotate")
    public Response rotate(@PathParam("env_id") String envId, @PathParam("key_id") String keyId,
            String text, @Context ContainerRequestContext request) throws java.io.IOException {
        // the body is optional, so it is read as text: a POST without one (or without a type) is fine
        RotatedApiKey rotated = services.keys().rotate(Callers.of(request), envId, keyId,
                Body.parse(text).integer("grace_period_hours"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("old_key_id", rotated.oldKeyId());
        result.put("new_key", rotated.replacement().secret());
        result.put("grace_period_hours", rotated.gracePeriodHours());
        result.put("key", withSecret(rotated.replacement()));
        return Response.status(201).entity(result).build();
    }

    /** Revokes the key; answers its metadata with {@code status: revoked}. */
    @DELETE
    @Path("{key_id}")
    public Map<String, Object> revoke(@PathParam("env_id") String envId, @PathParam("key_id") String keyId,
            @Context ContainerRequestContext request) {
        return Views.apiKey(services.keys().revoke(Callers.of(request), envId, keyId));
    }

    private static Map<String, Object> withSecret(CreatedApiKey created) {
        Map<String, Object> result = Views.apiKey(created.key());
        result.put("key", created.secret());
        return result;
    }
}
