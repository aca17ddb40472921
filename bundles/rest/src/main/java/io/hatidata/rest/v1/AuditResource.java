package io.hatidata.rest.v1;

import io.hatidata.api.audit.AuditExport;
import io.hatidata.api.audit.AuditService;
import io.hatidata.api.audit.ExportFormat;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

/**
 * The audit trails (SPEC §2.10, docs/audit.md): read, verify and export; there are no write endpoints.
 * Roles owner, admin and auditor (API keys also need {@code audit:read}); other organizations' resources
 * are 404. While no audit service is running every endpoint answers 503.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
    private final Services services;
    private final AuditParameters parameters = new AuditParameters(Clock.systemUTC());

    AuditResource(Services services) {
        this.services = services;
    }

    @GET
    @Path("environments/{env_id}/audit/queries")
    public Response queries(@PathParam("env_id") String envId, @QueryParam("start_date") String start,
            @QueryParam("end_date") String end, @QueryParam("user_id") String userId,
            @QueryParam("agent_id") String agentId, @QueryParam("table") String table,
            @QueryParam("cache_hit") String cacheHit, @QueryParam("min_duration_ms") String minDurationMs,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context ContainerRequestContext request) {
        return withAudit(request, audit -> Views.page(audit.queries(Callers.of(request), envId,
                parameters.queries(start, end, userId, agentId, table, cacheHit, minDurationMs, false),
                Views.pageRequest(limit, cursor)), AuditViews::query));
    }

    @GET
    @Path("environments/{env_id}/audit/queries/{query_id}")
    public Response query(@PathParam("env_id") String envId, @PathParam("query_id") String queryId,
            @Context ContainerRequestContext request) {
        return withAudit(request, audit -> AuditViews.query(audit.query(Callers.of(request), envId, queryId)));
    }

    @GET
    @Path("environments/{env_id}/audit/queries/verify")
    public Response verifyQueries(@PathParam("env_id") String envId, @Context ContainerRequestContext request) {
        return withAudit(request, audit -> AuditViews.verification(audit.verifyQueries(Callers.of(request), envId)));
    }

    @GET
    @Path("environments/{env_id}/audit/queries/export")
    @Produces({"application/x-ndjson", "text/csv", MediaType.APPLICATION_JSON})
    public Response exportQueries(@PathParam("env_id") String envId, @QueryParam("format") String format,
            @QueryParam("start_date") String start, @QueryParam("end_date") String end,
            @Context ContainerRequestContext request) {
        return export(request, format, "audit-queries-" + envId, (audit, chosen) -> audit.exportQueries(
                Callers.of(request), envId, parameters.queries(start, end, null, null, null, null, null, true), chosen));
    }

    @GET
    @Path("organizations/{org_id}/audit/iam")
    public Response iam(@PathParam("org_id") String orgId, @QueryParam("start_date") String start,
            @QueryParam("end_date") String end, @QueryParam("actor_id") String actorId,
            @QueryParam("action") String action, @QueryParam("resource_type") String resourceType,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context ContainerRequestContext request) {
        return withAudit(request, audit -> Views.page(audit.iam(Callers.of(request), orgId,
                parameters.iam(start, end, actorId, action, resourceType, false), Views.pageRequest(limit, cursor)),
                AuditViews::iam));
    }

    @GET
    @Path("organizations/{org_id}/audit/iam/verify")
    public Response verifyIam(@PathParam("org_id") String orgId, @Context ContainerRequestContext request) {
        return withAudit(request, audit -> AuditViews.verification(audit.verifyIam(Callers.of(request), orgId)));
    }

    @GET
    @Path("organizations/{org_id}/audit/iam/export")
    @Produces({"application/x-ndjson", "text/csv", MediaType.APPLICATION_JSON})
    public Response exportIam(@PathParam("org_id") String orgId, @QueryParam("format") String format,
            @QueryParam("start_date") String start, @QueryParam("end_date") String end,
            @Context ContainerRequestContext request) {
        return export(request, format, "audit-iam-" + orgId, (audit, chosen) -> audit.exportIam(
                Callers.of(request), orgId, parameters.iam(start, end, null, null, null, true), chosen));
    }

    @GET
    @Path("audit/signing-key")
    public Response signingKey(@Context ContainerRequestContext request) {
        Callers.of(request); // any authenticated caller: the key is public
        return withAudit(request, audit -> AuditViews.signingKey(audit.signingKey()));
    }

    private Response withAudit(ContainerRequestContext request, Function<AuditService, Map<String, Object>> work) {
        AuditService audit = services.audit().get();
        if (audit == null) {
            return unavailable(request);
        }
        return Response.ok(work.apply(audit), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /**
     * Checks access and the format before the answer starts (so a refusal is still a JSON error), then
     * streams the export.
     */
    private Response export(ContainerRequestContext request, String format, String name,
            BiFunction<AuditService, ExportFormat, AuditExport> open) {
        AuditService audit = services.audit().get();
        if (audit == null) {
            return unavailable(request);
        }
        ExportFormat chosen = AuditParameters.format(format);
        StreamingOutput body = open.apply(audit, chosen)::writeTo;
        return Response.ok(body, chosen.mediaType() + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9_.-]", "_")
                        + "." + chosen.extension() + "\"")
                .build();
    }

    private static Response unavailable(ContainerRequestContext request) {
        return Errors.response(503, ErrorCode.INTERNAL_ERROR, "the audit service is not running", Map.of(),
                RequestIds.of(request));
    }
}
