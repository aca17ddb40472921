package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.AgentKey;
import io.hatidata.api.controlplane.CreatedAgentKey;
import io.hatidata.api.controlplane.NewAgentKey;
import io.hatidata.api.controlplane.RotatedApiKey;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** Agent keys of an organization (SPEC §2.5.1, the SDK's paths); {@code raw_key} only on create. */
@Path("organizations/{org_id}/agent-keys")
@Produces(MediaType.APPLICATION_JSON)
public final class AgentKeyResource {
    private final Services services;

    AgentKeyResource(Services services) {
        this.services = services;
    }

    /** {@code {agent_name, framework?, plan?, description?, allowed_schemas?, allowed_tables?, environment?, scopes?, expires_in_days?}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("org_id") String orgId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        Body body = Body.of(json);
        CreatedAgentKey created = services.agentKeys().create(Callers.of(request), orgId, new NewAgentKey(
                body.requiredString("agent_name"), body.string("framework"), body.string("description"),
                body.strings("allowed_schemas"), body.strings("allowed_tables"), body.string("environment"),
                body.strings("scopes"), body.integer("expires_in_days")));
        Map<String, Object> result = view(created.key());
        result.put("raw_key", created.secret());
        return Response.status(201).entity(result).build();
    }

    @GET
    public Map<String, Object> list(@PathParam("org_id") String orgId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context ContainerRequestContext request) {
        return Views.page(services.agentKeys().list(Callers.of(request), orgId, Views.pageRequest(limit, cursor)),
                AgentKeyResource::view);
    }

    @GET
    @Path("{key_id}")
    public Map<String, Object> get(@PathParam("org_id") String orgId, @PathParam("key_id") String keyId,
            @Context ContainerRequestContext request) {
        return view(services.agentKeys().get(Callers.of(request), orgId, keyId));
    }

    /** {@code {agent_name?, description?, allowed_schemas?, allowed_tables?}}. */
    @PUT
    @Path("{key_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("org_id") String orgId, @PathParam("key_id") String keyId,
            Map<String, Object> json, @Context ContainerRequestContext request) {
        Body body = Body.of(json);
        return view(services.agentKeys().update(Callers.of(request), orgId, keyId, body.string("agent_name"),
                body.string("description"), body.strings("allowed_schemas"), body.strings("allowed_tables")));
    }

    /** → {@code {old_key_id, new_key, grace_period_hours}}. */
    @POST
    @Path("{key_id}/rotate")
    public Response rotate(@PathParam("org_id") String orgId, @PathParam("key_id") String keyId, String text,
            @Context ContainerRequestContext request) throws IOException {
        RotatedApiKey rotated = services.agentKeys().rotate(Callers.of(request), orgId, keyId,
                Body.parse(text).integer("grace_period_hours"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("old_key_id", rotated.oldKeyId());
        result.put("new_key_id", rotated.replacement().key().id());
        result.put("new_key", rotated.replacement().secret());
        result.put("grace_period_hours", rotated.gracePeriodHours());
        return Response.status(201).entity(result).build();
    }

    /** The key's usage (SPEC §2.5.1): {@code {key_id, total_queries, total_credits, …}}, see {@link BillingResource}. */
    @GET
    @Path("{key_id}/usage")
    public Response usage(@PathParam("org_id") String orgId, @PathParam("key_id") String keyId,
            @QueryParam("start_date") String start, @QueryParam("end_date") String end,
            @Context ContainerRequestContext request) {
        return BillingResource.keyUsage(services, orgId, keyId, start, end, request);
    }

    /** Revokes; answers {@code {key_id, status: "revoked", …}}. */
    @DELETE
    @Path("{key_id}")
    public Map<String, Object> revoke(@PathParam("org_id") String orgId, @PathParam("key_id") String keyId,
            @Context ContainerRequestContext request) {
        return Views.apiKey(services.agentKeys().revoke(Callers.of(request), orgId, keyId));
    }

    static Map<String, Object> view(AgentKey key) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", key.key().id());
        result.put("key_id", key.key().id());
        result.put("agent_name", key.agentName());
        result.put("framework", key.framework());
        result.put("description", key.description());
        result.put("allowed_schemas", key.allowedSchemas());
        result.put("allowed_tables", key.allowedTables());
        result.put("env_id", key.key().environmentId());
        result.put("key_prefix", key.key().prefix());
        result.put("scopes", key.key().scopes());
        result.put("status", key.key().status());
        result.put("last_used_at", Views.time(key.key().lastUsedAt()));
        result.put("expires_at", Views.time(key.key().expiresAt()));
        result.put("created_at", Views.time(key.key().createdAt()));
        result.put("created_by", key.key().createdBy());
        return result;
    }
}
