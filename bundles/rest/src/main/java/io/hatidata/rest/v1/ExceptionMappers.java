package io.hatidata.rest.v1;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hatidata.api.controlplane.ControlPlaneException;
import java.util.Map;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes the error envelope with a code of SPEC §1.8.6; {@link RequestIds} fills in the
 * {@code request_id} on the way out.
 */
final class ExceptionMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ExceptionMappers.class);

    private ExceptionMappers() {}

    /** Refusals of the control plane: their reason decides the code; details name the field. */
    static final class ControlPlane implements ExceptionMapper<ControlPlaneException> {
        @Override
        public Response toResponse(ControlPlaneException ex) {
            Response response = Errors.response(ErrorCode.of(ex.reason()), ex.getMessage(), ex.details(), null);
            if (ex.retryAfterSeconds() > 0) {
                response.getHeaders().putSingle("Retry-After", Long.toString(ex.retryAfterSeconds()));
            }
            return response;
        }
    }

    /** Jersey's own refusals (unknown path 404, wrong method 405, unsupported media type 415, …). */
    static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException ex) {
            int status = ex.getResponse().getStatus();
            if (ex.getCause() instanceof JsonProcessingException json) {
                return Json.malformed(json, null);
            }
            String message = switch (status) {
                case 404 -> "no such resource";
                case 405 -> "method not allowed on this resource";
                case 406 -> "cannot produce an acceptable media type";
                case 415 -> "unsupported media type: send application/json";
                default -> status >= 500 ? "internal error" : "bad request";
            };
            Response response = Errors.response(status, ErrorCode.ofStatus(status), message, Map.of(), null);
            if (status == 405 && ex.getResponse().getHeaderString("Allow") != null) {
                response.getHeaders().putSingle("Allow", ex.getResponse().getHeaderString("Allow"));
            }
            return response;
        }
    }

    /** A body that is not JSON or not of the expected shape. */
    static final class Json implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException ex) {
            return malformed(ex, null);
        }

        static Response malformed(JsonProcessingException ex, String requestId) {
            String where = ex.getLocation() == null ? "" : " at line " + ex.getLocation().getLineNr() + ", column "
                    + ex.getLocation().getColumnNr();
            return Errors.response(ErrorCode.VALIDATION_ERROR, "the body is not valid JSON of the expected shape" + where,
                    Map.of("constraint", "json"), requestId);
        }
    }

    /** Anything unexpected: 500, with the stack trace in the log under the request id. */
    static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable ex) {
            String reference = java.util.UUID.randomUUID().toString();
            LOG.error("Request failed (reference {})", reference, ex);
            return Errors.response(ErrorCode.INTERNAL_ERROR, "internal error (reference " + reference + ")", Map.of(), null);
        }
    }
}
