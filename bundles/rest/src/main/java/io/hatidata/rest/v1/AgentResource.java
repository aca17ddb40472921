package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.provisioning.AgentCapability;
import io.hatidata.api.provisioning.AgentService;
import io.hatidata.api.provisioning.NewAgentCapability;
import io.hatidata.api.provisioning.RegisteredAgent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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

/**
 * The agent registry and agent capabilities of an environment (SPEC §1.6.3, §2.8.2):
 * {@code /v1/environments/{env_id}/agents} (list, get, trust level) and
 * {@code /v1/environments/{env_id}/agent-capabilities} (list, grant, change, revoke). A capability body is
 * {@code {agent_id, capability, tables?, schemas?, max_rows?, credits_per_day?, time_window?: {start, end},
 * expires_at?}}; {@code agent_id} takes the claimed name or the {@code hd_agt_} fingerprint.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class AgentResource {
    private final Services services;

    AgentResource(Services services) {
        this.services = services;
    }

    @GET
    @Path("environments/{env_id}/agents")
    public Response agents(@PathParam("env_id") String envId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context ContainerRequestContext request) {
        return with(request, (agents, caller) -> Response.ok(Views.page(agents.agents(caller, envId,
                Views.pageRequest(limit, cursor)), AgentResource::agent)).build());
    }

    @GET
    @Path("environments/{env_id}/agents/{agent}")
    public Response agent(@PathParam("env_id") String envId, @PathParam("agent") String agent,
            @Context ContainerRequestContext request) {
        return with(request, (agents, caller) -> Response.ok(agent(agents.agent(caller, envId, agent))).build());
    }

    /** {@code {trust_level}}: provisional, verified, trusted or orchestrator. */
    @PUT
    @Path("environments/{env_id}/agents/{agent}/trust-level")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response trustLevel(@PathParam("env_id") String envId, @PathParam("agent") String agent,
            Map<String, Object> json, @Context ContainerRequestContext request) {
        return with(request, (agents, caller) -> Response.ok(agent(agents.changeTrustLevel(caller, envId, agent,
                Body.of(json).requiredString("trust_level")))).build());
    }

    @GET
    @Path("environments/{env_id}/agent-capabilities")
    public Response capabilities(@PathParam("env_id") String envId, @QueryParam("agent_id") String agent,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context ContainerRequestContext request) {
        return with(request, (agents, caller) -> Response.ok(Views.page(agents.capabilities(caller, envId, agent,
                Views.pageRequest(limit, cursor)), AgentResource::capability)).build());
    }

    @POST
    @Path("environments/{env_id}/agent-capabilities")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grant(@PathParam("env_id") String envId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        return with(request, (agents, caller) -> Response.status(201)
                .entity(capability(agents.grant(caller, envId, capability(Body.of(json))))).build());
    }

    @PUT
    @Path("environments/{env_id}/agent-capabilities/{capability_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("env_id") String envId, @PathParam("capability_id") String capabilityId,
            Map<String, Object> json, @Context ContainerRequestContext request) {
        return with(request, (agents, caller) -> Response.ok(capability(agents.change(caller, envId, capabilityId,
                capability(Body.of(json))))).build());
    }

    @DELETE
    @Path("environments/{env_id}/agent-capabilities/{capability_id}")
    public Response revoke(@PathParam("env_id") String envId, @PathParam("capability_id") String capabilityId,
            @Context ContainerRequestContext request) {
        return with(request, (agents, caller) -> {
            agents.revoke(caller, envId, capabilityId);
            return Response.noContent().build();
        });
    }

    private static NewAgentCapability capability(Body body) {
        Body window = body.object("time_window");
        String expires = body.string("expires_at");
        Instant expiresAt = null;
        if (expires != null) {
            try {
                expiresAt = Instant.parse(expires);
            } catch (DateTimeParseException ex) {
                throw ControlPlaneException.invalid("expires_at", "format", "expires_at must be an ISO-8601 UTC time");
            }
        }
        return new NewAgentCapability(body.string("agent_id"), body.requiredString("capability"), body.strings("tables"),
                body.strings("schemas"), body.integer("max_rows"), body.integer("credits_per_day"), window.string("start"),
                window.string("end"), expiresAt);
    }

    static Map<String, Object> agent(RegisteredAgent agent) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("fingerprint", agent.fingerprint());
        result.put("agent_id", agent.agentId());
        result.put("env_id", agent.environmentId());
        result.put("framework", agent.framework());
        result.put("trust_level", agent.trustLevel());
        result.put("registered_by", agent.registeredBy());
        result.put("first_seen_at", Views.time(agent.firstSeenAt()));
        result.put("last_seen_at", Views.time(agent.lastSeenAt()));
        return result;
    }

    static Map<String, Object> capability(AgentCapability capability) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("capability_id", capability.id());
        result.put("env_id", capability.environmentId());
        result.put("fingerprint", capability.fingerprint());
        result.put("agent_id", capability.agentId());
        result.put("capability", capability.capability());
        result.put("tables", capability.tables());
        result.put("schemas", capability.schemas());
        result.put("max_rows", capability.maxRows());
        result.put("credits_per_day", capability.creditsPerDay());
        result.put("time_window", capability.windowStart() == null ? null
                : Map.of("start", capability.windowStart(), "end", capability.windowEnd()));
        result.put("expires_at", Views.time(capability.expiresAt()));
        result.put("granted_by", capability.grantedBy());
        result.put("created_at", Views.time(capability.createdAt()));
        result.put("updated_at", Views.time(capability.updatedAt()));
        return result;
    }

    @FunctionalInterface
    private interface Work {
        Response run(AgentService agents, Caller caller);
    }

    private Response with(ContainerRequestContext request, Work work) {
        AgentService agents = services.agents().get();
        if (agents == null) {
            return Errors.response(503, ErrorCode.INTERNAL_ERROR, "the agent registry is not running", Map.of(),
                    RequestIds.of(request));
        }
        return work.run(agents, Callers.of(request));
    }
}
