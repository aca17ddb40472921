package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.governance.PolicyVerdict;
import io.hatidata.api.policy.Policy;
import io.hatidata.api.policy.PolicyChanges;
import io.hatidata.api.policy.PolicyEvaluation;
import io.hatidata.api.policy.PolicyService;
import io.hatidata.api.policy.Principal;
import io.hatidata.api.policy.ShadowDecision;
import io.hatidata.api.policy.ShadowReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
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
 * Policies (SPEC §2.7, docs/policies.md): CRUD per environment, principal attributes for row filters, and
 * {@code evaluate} to try a statement. 503 while the policy store is not running.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class PolicyResource {
    private static final java.util.Set<String> POLICY_FIELDS = java.util.Set.of("name", "type", "enabled", "mode");
    private final Services services;

    PolicyResource(Services services) {
        this.services = services;
    }

    @POST
    @Path("environments/{env_id}/policies")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("env_id") String envId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        Policy created = store().create(Callers.of(request), envId, changes(json));
        return Response.status(201).entity(view(created)).build();
    }

    @GET
    @Path("environments/{env_id}/policies")
    public Map<String, Object> list(@PathParam("env_id") String envId, @Context ContainerRequestContext request) {
        List<Object> items = new ArrayList<>();
        for (Policy each : store().list(Callers.of(request), envId)) {
            items.add(view(each));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", items);
        result.put("total", items.size());
        return result;
    }

    @GET
    @Path("environments/{env_id}/policies/{policy_id}")
    public Map<String, Object> get(@PathParam("env_id") String envId, @PathParam("policy_id") String policyId,
            @Context ContainerRequestContext request) {
        return view(store().get(Callers.of(request), envId, policyId));
    }

    @PATCH
    @Path("environments/{env_id}/policies/{policy_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("env_id") String envId, @PathParam("policy_id") String policyId,
            Map<String, Object> json, @Context ContainerRequestContext request) {
        return view(store().update(Callers.of(request), envId, policyId, changes(json)));
    }

    @PUT
    @Path("environments/{env_id}/policies/{policy_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> replace(@PathParam("env_id") String envId, @PathParam("policy_id") String policyId,
            Map<String, Object> json, @Context ContainerRequestContext request) {
        return update(envId, policyId, json, request);
    }

    @DELETE
    @Path("environments/{env_id}/policies/{policy_id}")
    public Response delete(@PathParam("env_id") String envId, @PathParam("policy_id") String policyId,
            @Context ContainerRequestContext request) {
        store().delete(Callers.of(request), envId, policyId);
        return Response.noContent().build();
    }

    @GET
    @Path("environments/{env_id}/policies/principals/{principal_id}/attributes")
    public Map<String, Object> attributes(@PathParam("env_id") String envId,
            @PathParam("principal_id") String principalId, @Context ContainerRequestContext request) {
        return Map.of("principal_id", principalId, "attributes",
                store().attributes(Callers.of(request), envId, principalId));
    }

    @PUT
    @Path("environments/{env_id}/policies/principals/{principal_id}/attributes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> replaceAttributes(@PathParam("env_id") String envId,
            @PathParam("principal_id") String principalId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        Map<String, String> attributes = texts(json == null ? null : json.get("attributes"), "attributes");
        return Map.of("principal_id", principalId, "attributes",
                store().replaceAttributes(Callers.of(request), envId, principalId, attributes));
    }

    @POST
    @Path("environments/{env_id}/policies/evaluate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> evaluate(@PathParam("env_id") String envId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        Body body = Body.of(json);
        String sql = body.requiredString("sql");
        Object rawPrincipal = json.get("principal");
        if (!(rawPrincipal instanceof Map<?, ?> map)) {
            throw ControlPlaneException.invalid("principal", "required", "principal must be an object with a role");
        }
        @SuppressWarnings("unchecked")
        Body principal = Body.of((Map<String, Object>) map);
        Principal who = new Principal(principal.requiredString("role"), principal.string("user_id"),
                principal.string("key_id"), texts(map.get("settings"), "principal.settings"),
                texts(map.get("attributes"), "principal.attributes"));
        PolicyEvaluation outcome = store().evaluate(Callers.of(request), envId, sql, who);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("decision", outcome.allowed() ? "allow" : "deny");
        result.put("sql_state", outcome.sqlState().isEmpty() ? null : outcome.sqlState());
        result.put("message", outcome.message().isEmpty() ? null : outcome.message());
        result.put("rewritten_sql", outcome.allowed() ? outcome.rewrittenSql() : null);
        List<Object> verdicts = new ArrayList<>();
        for (PolicyVerdict each : outcome.verdicts()) {
            Map<String, Object> verdict = new LinkedHashMap<>();
            verdict.put("policy_id", each.policyId());
            verdict.put("policy_name", each.policyName());
            verdict.put("action", each.action());
            verdict.put(each.action().equals(PolicyVerdict.MASK) ? "columns" : "tables", each.targets());
            if (!each.reason().isEmpty()) {
                verdict.put("reason", each.reason());
            }
            verdicts.add(verdict);
        }
        result.put("policy_verdicts", verdicts);
        return result;
    }

    @GET
    @Path("environments/{env_id}/policies/{policy_id}/shadow-report")
    public Map<String, Object> shadowReport(@PathParam("env_id") String envId, @PathParam("policy_id") String policyId,
            @Context ContainerRequestContext request) {
        ShadowReport report = store().shadowReport(Callers.of(request), envId, policyId);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("policy_id", report.policyId());
        result.put("mode", report.mode());
        result.put("statements_evaluated", report.statementsEvaluated());
        result.put("would_deny", report.wouldDeny());
        result.put("would_mask", report.wouldMask());
        result.put("would_filter", report.wouldFilter());
        result.put("distinct_principals", report.distinctPrincipals());
        result.put("first_seen", report.firstSeen() == null ? null : report.firstSeen().toString());
        result.put("last_seen", report.lastSeen() == null ? null : report.lastSeen().toString());
        result.put("dropped", report.dropped());
        result.put("samples", report.samples().stream().map(PolicyResource::decision).toList());
        return result;
    }

    @GET
    @Path("environments/{env_id}/policies/{policy_id}/shadow-decisions")
    public Map<String, Object> shadowDecisions(@PathParam("env_id") String envId,
            @PathParam("policy_id") String policyId, @QueryParam("decision") String decision,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context ContainerRequestContext request) {
        return Views.page(store().shadowDecisions(Callers.of(request), envId, policyId,
                decision == null || decision.isBlank() ? null : decision.trim(), Views.pageRequest(limit, cursor)),
                PolicyResource::decision);
    }

    private static Map<String, Object> decision(ShadowDecision decision) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("policy_id", decision.policyId());
        result.put("env_id", decision.environmentId());
        result.put("query_id", decision.queryId());
        result.put("principal_id", decision.principal());
        result.put("role", decision.role());
        result.put("agent_id", decision.agentId().isEmpty() ? null : decision.agentId());
        result.put("statement", decision.fingerprint());
        result.put("decision", decision.decision());
        result.put(decision.decision().equals(ShadowDecision.MASK) ? "columns" : "tables", decision.targets());
        result.put("detail", decision.detail().isEmpty() ? null : decision.detail());
        result.put("decided_at", decision.at().toString());
        return result;
    }

    private PolicyService store() {
        PolicyService store = services.policies().get();
        if (store == null) {
            // 503 like /v1/query without a pipeline: the bundle is being replaced or not installed
            throw new javax.ws.rs.ServiceUnavailableException("the policy store is not running");
        }
        return store;
    }

    /** name, type, enabled; for masking and row-level security {@code rules}; for ABAC its document fields. */
    private static PolicyChanges changes(Map<String, Object> json) {
        if (json == null) {
            throw ControlPlaneException.invalid("body", "required", "a JSON object is required");
        }
        Body body = Body.of(json);
        Object enabled = json.get("enabled");
        if (enabled != null && !(enabled instanceof Boolean)) {
            throw ControlPlaneException.invalid("enabled", "type", "enabled must be true or false");
        }
        Map<String, Object> definition = new LinkedHashMap<>();
        json.forEach((key, value) -> {
            if (!POLICY_FIELDS.contains(key)) {
                definition.put(key, value);
            }
        });
        Object mode = json.get("mode");
        if (mode != null && !(mode instanceof String)) {
            throw ControlPlaneException.invalid("mode", "type", "mode must be enforce or shadow");
        }
        return new PolicyChanges(body.string("name"), body.string("type"), (Boolean) enabled,
                definition.isEmpty() ? null : normalize(definition), (String) mode);
    }

    /** Jackson's numbers as Long (integral) or BigDecimal, the store's JSON model. */
    @SuppressWarnings("unchecked")
    private static <T> T normalize(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), normalize(v)));
            return (T) result;
        } else if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(each -> result.add(normalize(each)));
            return (T) result;
        } else if (value instanceof Integer || value instanceof Short) {
            return (T) Long.valueOf(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            return (T) new java.math.BigDecimal(value.toString());
        }
        return value;
    }

    private static Map<String, String> texts(Object value, String field) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw ControlPlaneException.invalid(field, "type", field + " must be an object of texts");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> each : map.entrySet()) {
            if (!(each.getValue() instanceof String || each.getValue() instanceof Number
                    || each.getValue() instanceof Boolean)) {
                throw ControlPlaneException.invalid(field + "." + each.getKey(), "type", "values must be texts");
            }
            result.put(String.valueOf(each.getKey()), String.valueOf(each.getValue()));
        }
        return result;
    }

    private static Map<String, Object> view(Policy policy) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("policy_id", policy.policyId());
        result.put("env_id", policy.environmentId());
        result.put("name", policy.name());
        result.put("type", policy.type());
        result.put("enabled", policy.enabled());
        result.put("mode", policy.mode());
        result.putAll(policy.definition());
        result.put("created_at", policy.createdAt().toString());
        result.put("updated_at", policy.updatedAt().toString());
        return result;
    }
}
