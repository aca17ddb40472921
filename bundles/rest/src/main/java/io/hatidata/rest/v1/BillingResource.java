package io.hatidata.rest.v1;

import io.hatidata.api.billing.BillingService;
import io.hatidata.api.billing.Granularity;
import io.hatidata.api.billing.Quota;
import io.hatidata.api.billing.QuotaChanges;
import io.hatidata.api.billing.Quotas;
import io.hatidata.api.controlplane.ControlPlaneException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
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
 * Billing of an organization (SPEC §2.11.1): usage with breakdowns, quotas and alert thresholds (owner),
 * and one key's or agent's usage. Answers 503 while no billing service is running.
 */
@Path("organizations/{org_id}/billing")
@Produces(MediaType.APPLICATION_JSON)
public final class BillingResource {
    private final Services services;

    BillingResource(Services services) {
        this.services = services;
    }

    @GET
    @Path("usage")
    public Response usage(@PathParam("org_id") String orgId, @QueryParam("start_date") String start,
            @QueryParam("end_date") String end, @QueryParam("group_by") String groupBy,
            @Context ContainerRequestContext request) {
        BillingService billing = services.billing().get();
        if (billing == null) {
            return unavailable(request);
        }
        Granularity granularity = groupBy == null ? null : Granularity.fromJson(groupBy).orElseThrow(() ->
                ControlPlaneException.invalid("group_by", "enum", "group_by must be hour, day or week"));
        return Response.ok(BillingViews.usage(billing.usage(Callers.of(request), orgId, date(start, "start_date"),
                date(end, "end_date"), granularity))).build();
    }

    @GET
    @Path("usage/keys/{key_id}")
    public Response keyUsage(@PathParam("org_id") String orgId, @PathParam("key_id") String keyId,
            @QueryParam("start_date") String start, @QueryParam("end_date") String end,
            @Context ContainerRequestContext request) {
        return keyUsage(services, orgId, keyId, start, end, request);
    }

    @GET
    @Path("usage/agents/{agent_id}")
    public Response agentUsage(@PathParam("org_id") String orgId, @PathParam("agent_id") String agentId,
            @QueryParam("start_date") String start, @QueryParam("end_date") String end,
            @Context ContainerRequestContext request) {
        BillingService billing = services.billing().get();
        if (billing == null) {
            return unavailable(request);
        }
        return Response.ok(BillingViews.subject(billing.agentUsage(Callers.of(request), orgId, agentId,
                date(start, "start_date"), date(end, "end_date")))).build();
    }

    @GET
    @Path("quotas")
    public Response quotas(@PathParam("org_id") String orgId, @Context ContainerRequestContext request) {
        BillingService billing = services.billing().get();
        if (billing == null) {
            return unavailable(request);
        }
        return Response.ok(BillingViews.quotas(billing.quotas(Callers.of(request), orgId))).build();
    }

    /**
     * {@code {quotas?: {<quota>: number | null}, alerts?: {thresholds: [percent…]}}}: a number sets the
     * quota ({@code -1} unlimited), {@code null} returns it to the tier default, an absent quota is kept;
     * {@code thresholds: []} turns the warnings off.
     */
    @PUT
    @Path("quotas")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updateQuotas(@PathParam("org_id") String orgId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        BillingService billing = services.billing().get();
        if (billing == null) {
            return unavailable(request);
        }
        Body body = Body.of(json == null ? Map.of() : json);
        Map<Quota, Long> limits = new HashMap<>();
        Object quotas = (json == null ? Map.of() : json).get("quotas");
        if (quotas != null && !(quotas instanceof Map<?, ?>)) {
            throw ControlPlaneException.invalid("quotas", "type", "quotas must be an object");
        }
        if (quotas instanceof Map<?, ?> members) {
            for (Map.Entry<?, ?> each : members.entrySet()) {
                String name = String.valueOf(each.getKey());
                Quota quota = Quota.fromJson(name).orElseThrow(() ->
                        ControlPlaneException.invalid("quotas." + name, "unknown", "unknown quota " + name));
                if (each.getValue() != null && !(each.getValue() instanceof Integer || each.getValue() instanceof Long)) {
                    throw ControlPlaneException.invalid("quotas." + name, "type", name + " must be an integer or null");
                }
                limits.put(quota, each.getValue() == null ? null : ((Number) each.getValue()).longValue());
            }
        }
        List<Integer> thresholds = null;
        Body alerts = body.object("alerts");
        List<Object> values = alerts.list("thresholds");
        if (json != null && json.get("alerts") instanceof Map<?, ?> given && given.get("thresholds") != null) {
            // an empty array turns the warnings off
            thresholds = new ArrayList<>();
            for (Object each : values) {
                if (!(each instanceof Integer number)) {
                    throw ControlPlaneException.invalid("alerts.thresholds", "type", "thresholds must be integers");
                }
                thresholds.add(number);
            }
        }
        Quotas updated = billing.updateQuotas(Callers.of(request), orgId, new QuotaChanges(limits, thresholds));
        return Response.ok(BillingViews.quotas(updated)).build();
    }

    /** One key's usage; shared with {@code GET …/agent-keys/{key_id}/usage}. */
    static Response keyUsage(Services services, String orgId, String keyId, String start, String end,
            ContainerRequestContext request) {
        BillingService billing = services.billing().get();
        if (billing == null) {
            return unavailable(request);
        }
        return Response.ok(BillingViews.subject(billing.keyUsage(Callers.of(request), orgId, keyId,
                date(start, "start_date"), date(end, "end_date")))).build();
    }

    private static LocalDate date(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException ex) {
            throw ControlPlaneException.invalid(field, "format", field + " must be a date (YYYY-MM-DD)");
        }
    }

    private static Response unavailable(ContainerRequestContext request) {
        return Errors.response(503, ErrorCode.INTERNAL_ERROR, "billing is not running", Map.of(),
                RequestIds.of(request));
    }
}
