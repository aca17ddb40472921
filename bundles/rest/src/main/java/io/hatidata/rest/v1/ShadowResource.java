package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.provisioning.ShadowMismatch;
import io.hatidata.api.provisioning.ShadowResult;
import io.hatidata.api.provisioning.ShadowService;
import io.hatidata.api.provisioning.ShadowSettings;
import io.hatidata.api.provisioning.ShadowSource;
import io.hatidata.api.provisioning.ShadowStatus;
import java.util.LinkedHashMap;
import java.util.List;
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

/**
 * Warehouse shadow mode (SPEC §2.8.3, the suggested API): start with
 * {@code {source: {jdbc_url, user, password}, sample_rate?, tolerance?, duration_minutes?}}, read the
 * status and counters, list mismatches, stop with {@code DELETE}. The password is never echoed. Answers
 * 503 while shadow mode is not installed.
 */
@Path("environments/{env_id}/shadow-mode")
@Produces(MediaType.APPLICATION_JSON)
public final class ShadowResource {
    static final double DEFAULT_TOLERANCE = 1e-9;
    private final Services services;

    ShadowResource(Services services) {
        this.services = services;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("env_id") String envId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        return with(request, (shadow, caller) -> {
            Body body = Body.of(json);
            Body source = body.object("source");
            Double rate = body.number("sample_rate");
            Double tolerance = body.number("tolerance");
            Integer minutes = body.integer("duration_minutes");
            ShadowStatus status = shadow.start(caller, envId,
                    new ShadowSource(source.requiredString("jdbc_url"), source.string("user"), source.string("password")),
                    new ShadowSettings(rate == null ? 1.0 : rate, tolerance == null ? DEFAULT_TOLERANCE : tolerance,
                            minutes == null ? 0 : minutes));
            return Response.status(201).entity(status(status)).build();
        });
    }

    @GET
    public Response status(@PathParam("env_id") String envId, @Context ContainerRequestContext request) {
        return with(request, (shadow, caller) -> Response.ok(status(shadow.status(caller, envId))).build());
    }

    @GET
    @Path("mismatches")
    public Response mismatches(@PathParam("env_id") String envId, @QueryParam("offset") String offset,
            @QueryParam("limit") String limit, @Context ContainerRequestContext request) {
        return with(request, (shadow, caller) -> {
            int from = integer(offset, "offset", 0);
            List<ShadowMismatch> items = shadow.mismatches(caller, envId, from, integer(limit, "limit", 50));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("data", items.stream().map(ShadowResource::mismatch).toList());
            result.put("offset", from);
            return Response.ok(result).build();
        });
    }

    @DELETE
    public Response stop(@PathParam("env_id") String envId, @Context ContainerRequestContext request) {
        return with(request, (shadow, caller) -> Response.ok(status(shadow.stop(caller, envId))).build());
    }

    static Map<String, Object> status(ShadowStatus status) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("run_id", status.runId());
        result.put("env_id", status.environmentId());
        result.put("state", status.state());
        result.put("source", Map.of("jdbc_url", status.sourceUrl()));
        result.put("sample_rate", status.settings().sampleRate());
        result.put("tolerance", status.settings().tolerance());
        result.put("duration_minutes", status.settings().durationMinutes());
        result.put("started_at", Views.time(status.startedAt()));
        result.put("ends_at", Views.time(status.endsAt()));
        result.put("stopped_at", Views.time(status.stoppedAt()));
        result.put("total", status.total());
        result.put("matched", status.matched());
        result.put("mismatched", status.mismatched());
        result.put("errors", status.errors());
        result.put("skipped", status.skipped());
        result.put("match_rate", status.matchRate());
        return result;
    }

    static Map<String, Object> mismatch(ShadowMismatch mismatch) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mismatch_id", mismatch.id());
        result.put("query_id", mismatch.queryId());
        result.put("sql", mismatch.sql());
        result.put("reason", mismatch.reason());
        result.put("source", result(mismatch.source()));
        result.put("hatidata", result(mismatch.hatidata()));
        result.put("occurred_at", Views.time(mismatch.occurredAt()));
        return result;
    }

    private static Map<String, Object> result(ShadowResult side) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("columns", side.columns());
        result.put("rows", side.rows());
        result.put("row_count", side.rowCount());
        result.put("command_tag", side.commandTag());
        result.put("error", side.error().isEmpty() ? null : side.error());
        return result;
    }

    @FunctionalInterface
    private interface Work {
        Response run(ShadowService shadow, Caller caller);
    }

    private Response with(ContainerRequestContext request, Work work) {
        ShadowService shadow = services.shadow().get();
        if (shadow == null) {
            return Errors.response(503, ErrorCode.INTERNAL_ERROR, "shadow mode is not running", Map.of(),
                    RequestIds.of(request));
        }
        return work.run(shadow, Callers.of(request));
    }

    private static int integer(String value, String field, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException ex) {
            throw ControlPlaneException.invalid(field, "type", field + " must be an integer");
        }
    }
}
