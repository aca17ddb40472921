package io.hatidata.rest.v1;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** Builds the error envelope {@code {"error":{"code","message","details","request_id"}}}. */
final class Errors {
    private Errors() {}

    static Response response(int status, ErrorCode code, String message, Map<String, ?> details, String requestId) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", message);
        error.put("details", details == null ? Map.of() : details);
        error.put("request_id", requestId);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", error)).build();
    }

    static Response response(ErrorCode code, String message, Map<String, ?> details, String requestId) {
        return response(code.status, code, message, details, requestId);
    }

    /** Ends a request in a filter with an error. */
    static void abort(ContainerRequestContext request, ErrorCode code, String message) {
        request.abortWith(response(code, message, Map.of(), RequestIds.of(request)));
    }
}
