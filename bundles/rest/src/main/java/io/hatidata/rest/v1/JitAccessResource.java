package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.provisioning.JitAccessService;
import io.hatidata.api.provisioning.JitGrant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.Consumes;
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

/**
 * Just-in-time access (SPEC §2.8.1), in both forms: the environment-scoped paths
 * ({@code /v1/environments/{env_id}/jit-access}, body {@code requested_role, reason, duration_minutes}) and
 * the organization-scoped SDK form ({@code /v1/organizations/{org_id}/jit}, body
 * {@code target_role, reason, duration_hours}). Answers 503 while the service is not running.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class JitAccessResource {
    private final Services services;

    JitAccessResource(Services services) {
        this.services = services;
    }

    /** {@code {requested_role, reason, duration_minutes}}; minutes may be fractional down to the node's minimum. */
    @POST
    @Path("environments/{env_id}/jit-access")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(@PathParam("env_id") String envId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        return with(request, (jit, caller) -> {
            Body body = Body.of(json);
            Double minutes = body.number("duration_minutes");
            if (minutes == null) {
                throw ControlPlaneException.invalid("duration_minutes", "required", "duration_minutes is required");
            }
            String organization = jit.organizationOf(caller, envId);
            JitGrant grant = jit.request(caller, organization, envId, body.requiredString("requested_role"),
                    body.string("reason"), seconds(minutes * 60, "duration_minutes"));
            return Response.status(201).entity(request(grant)).build();
        });
    }

    @GET
    @Path("environments/{env_id}/jit-access")
    public Response list(@PathParam("env_id") String envId, @QueryParam("status") String status,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context ContainerRequestContext request) {
        return with(request, (jit, caller) -> Response.ok(Views.page(jit.list(caller, jit.organizationOf(caller, envId),
                envId, status, Views.pageRequest(limit, cursor)), JitAccessResource::request)).build());
    }

    @GET
    @Path("environments/{env_id}/jit-access/{request_id}")
    public Response get(@PathParam("env_id") String envId, @PathParam("request_id") String requestId,
            @Context ContainerRequestContext request) {
        return with(request, (jit, caller) -> Response.ok(request(inEnvironment(
                jit.get(caller, jit.organizationOf(caller, envId), requestId), envId))).build());
    }

    @POST
    @Path("environments/{env_id}/jit-access/{request_id}/approve")
    public Response approve(@PathParam("env_id") String envId, @PathParam("request_id") String requestId,
            @Context ContainerRequestContext request) {
        return decide(request, envId, requestId, (jit, caller, org) -> jit.approve(caller, org, requestId));
    }

    /** Optional body {@code {reason}}. */
    @POST
    @Path("environments/{env_id}/jit-access/{request_id}/deny")
    public Response deny(@PathParam("env_id") String envId, @PathParam("request_id") String requestId, String text,
            @Context ContainerRequestContext request) {
        return decide(request, envId, requestId, (jit, caller, org) -> jit.deny(caller, org, requestId, reason(text)));
    }

    @POST
    @Path("environments/{env_id}/jit-access/{request_id}/revoke")
    public Response revoke(@PathParam("env_id") String envId, @PathParam("request_id") String requestId,
            @Context ContainerRequestContext request) {
        return decide(request, envId, requestId, (jit, caller, org) -> jit.revoke(caller, org, requestId));
    }

    /** SDK form: {@code {target_role, reason, duration_hours (default 1)}} → the grant in the SDK's shape. */
    @POST
    @Path("organizations/{org_id}/jit/request")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response sdkRequest(@PathParam("org_id") String orgId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        return with(request, (jit, caller) -> {
            Body body = Body.of(json);
            Double hours = body.number("duration_hours");
            JitGrant grant = jit.request(caller, orgId, null, body.requiredString("target_role"), body.string("reason"),
                    seconds((hours == null ? 1 : hours) * 3600, "duration_hours"));
            return Response.status(201).entity(sdkGrant(grant)).build();
        });
    }

    @GET
    @Path("organizations/{org_id}/jit")
    public Response sdkList(@PathParam("org_id") String orgId, @QueryParam("status") String status,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context ContainerRequestContext request) {
        return with(request, (jit, caller) -> Response.ok(Views.page(jit.list(caller, orgId, null, status,
                Views.pageRequest(limit, cursor)), JitAccessResource::sdkGrant)).build());
    }

    @POST
    @Path("organizations/{org_id}/jit/{grant_id}/approve")
    public Response sdkApprove(@PathParam("org_id") String orgId, @PathParam("grant_id") String grantId,
            @Context ContainerRequestContext request) {
        return with(request, (jit, caller) -> Response.ok(sdkGrant(jit.approve(caller, orgId, grantId))).build());
    }

    @POST
    @Path("organizations/{org_id}/jit/{grant_id}/deny")
    public Response sdkDeny(@PathParam("org_id") String orgId, @PathParam("grant_id") String grantId, String text,
            @Context ContainerRequestContext request) {
        return with(request, (jit, caller) -> Response.ok(sdkGrant(jit.deny(caller, orgId, grantId, reason(text)))).build());
    }

    @POST
    @Path("organizations/{org_id}/jit/{grant_id}/revoke")
    public Response sdkRevoke(@PathParam("org_id") String orgId, @PathParam("grant_id") String grantId,
            @Context ContainerRequestContext request) {
        return with(request, (jit, caller) -> Response.ok(sdkGrant(jit.revoke(caller, orgId, grantId))).build());
    }

    /** The request object of SPEC §2.8.1. */
    static Map<String, Object> request(JitGrant grant) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("request_id", grant.id());
        result.put("env_id", grant.environmentId());
        result.put("requester_id", grant.requesterId());
        result.put("requester_email", grant.requesterEmail());
        result.put("requester_key_id", grant.requesterKeyId().isEmpty() ? null : grant.requesterKeyId());
        result.put("current_role", grant.currentRole().json());
        result.put("requested_role", grant.requestedRole().json());
        result.put("reason", grant.reason());
        result.put("duration_minutes", grant.durationSeconds() / 60.0);
        result.put("status", grant.status());
        result.put("approved_by", JitGrant.DENIED.equals(grant.status()) ? null : grant.decidedBy());
        result.put("decided_at", Views.time(grant.decidedAt()));
        result.put("requested_at", Views.time(grant.requestedAt()));
        result.put("expires_at", Views.time(grant.expiresAt()));
        return result;
    }

    /** The grant shape the SDK reads. */
    static Map<String, Object> sdkGrant(JitGrant grant) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", grant.id());
        result.put("requester_id", grant.requesterId());
        result.put("org_id", grant.organizationId());
        result.put("target_role", grant.requestedRole().json());
        result.put("reason", grant.reason());
        result.put("status", grant.status());
        result.put("created_at", Views.time(grant.requestedAt()));
        result.put("expires_at", Views.time(grant.expiresAt()));
        return result;
    }

    @FunctionalInterface
    private interface Work {
        Response run(JitAccessService jit, Caller caller);
    }

    @FunctionalInterface
    private interface Decision {
        JitGrant decide(JitAccessService jit, Caller caller, String organizationId);
    }

    private Response with(ContainerRequestContext request, Work work) {
        JitAccessService jit = services.jit().get();
        if (jit == null) {
            return Errors.response(503, ErrorCode.INTERNAL_ERROR, "just-in-time access is not running", Map.of(),
                    RequestIds.of(request));
        }
        return work.run(jit, Callers.of(request));
    }

    private Response decide(ContainerRequestContext request, String envId, String requestId, Decision decision) {
        return with(request, (jit, caller) -> {
            String organization = jit.organizationOf(caller, envId);
            inEnvironment(jit.get(caller, organization, requestId), envId);
            return Response.ok(request(decision.decide(jit, caller, organization))).build();
        });
    }

    /** A request of another environment is not found under this one. */
    private static JitGrant inEnvironment(JitGrant grant, String envId) {
        if (!envId.equals(grant.environmentId())) {
            throw ControlPlaneException.notFound("JIT request");
        }
        return grant;
    }

    private static String reason(String text) {
        try {
            return Body.parse(text).string("reason");
        } catch (java.io.IOException ex) {
            throw ControlPlaneException.invalid("body", "json", "the body is not valid JSON");
        }
    }

    private static long seconds(double value, String field) {
        if (Double.isNaN(value) || value <= 0 || value > 366 * 86_400.0) {
            throw ControlPlaneException.invalid(field, "range", field + " must be positive");
        }
        return Math.round(value);
    }
}
