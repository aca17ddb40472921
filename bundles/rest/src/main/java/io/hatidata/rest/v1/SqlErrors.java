package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Permission;
import io.hatidata.api.controlplane.Scopes;
import io.hatidata.api.query.QueryException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** What the SQL endpoints ({@code /v1/query}, {@code /v1/transpile}) share: who may call them, and how a SQLSTATE is answered. */
final class SqlErrors {
    private SqlErrors() {}

    /** The caller, when its role may run queries and it holds {@code query:read}; else 403. */
    static Caller queryCaller(ContainerRequestContext request) {
        Caller caller = Callers.of(request);
        if (!caller.role().has(Permission.EXECUTE_QUERIES)) {
            throw ControlPlaneException.forbidden("the role " + caller.role().json() + " may not run queries");
        }
        if (!caller.scopes().contains(Scopes.QUERY_READ)) {
            throw ControlPlaneException.forbidden("the API key lacks the scope query:read");
        }
        return caller;
    }

    /**
     * The error envelope for a refused statement, plus the SDK's top-level {@code message} and
     * {@code sqlState}: 42501 → 403 (422 POLICY_VIOLATION when a policy refused), 28xxx → 401, 53300 → 429 RATE_LIMITED, 53400 → 429 QUOTA_EXCEEDED, XX/58/57P → 500, others 400.
     */
    static Response response(QueryException ex, Map<String, Object> details, ContainerRequestContext request) {
        String state = ex.sqlState();
        ErrorCode code;
        if ("42501".equals(state) && String.valueOf(ex.getMessage()).startsWith("permission denied by policy")) {
            code = ErrorCode.POLICY_VIOLATION;
        } else if ("42501".equals(state)) {
            code = ErrorCode.FORBIDDEN;
        } else if (state.startsWith("28")) {
            code = ErrorCode.UNAUTHORIZED;
        } else if (state.equals("53400")) {
            code = ErrorCode.QUOTA_EXCEEDED;
        } else if (state.equals("53300")) {
            code = ErrorCode.RATE_LIMITED;
        } else if (state.startsWith("XX") || state.startsWith("58") || state.startsWith("57P")) {
            code = ErrorCode.INTERNAL_ERROR;
        } else {
            code = ErrorCode.VALIDATION_ERROR;
        }
        Map<String, Object> allDetails = new LinkedHashMap<>();
        allDetails.put("sql_state", state);
        if (ex.position() > 0) {
            allDetails.put("position", ex.position());
        }
        allDetails.putAll(details);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", ex.getMessage());
        error.put("details", allDetails);
        error.put("request_id", RequestIds.of(request));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", ex.getMessage());
        body.put("sqlState", state);
        return Response.status(code.status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
