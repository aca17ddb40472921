package io.hatidata.rest.v1;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.sql.SqlTranspiler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.ws.rs.core.MultivaluedMap;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;

/** Runs the real {@link ApiApplication} in process (no HTTP server) against a {@link FakeControlPlane}. */
final class ApiHarness {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A response: status, headers and the parsed JSON body (or {@code null}). */
    record Answer(int status, MultivaluedMap<String, Object> headers, Object body, String text) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) body;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> error() {
            return (Map<String, Object>) json().get("error");
        }

        String header(String name) {
            Object value = headers.getFirst(name);
            return value == null ? null : value.toString();
        }
    }

    final FakeControlPlane controlPlane = new FakeControlPlane();
    final AtomicReference<Pipeline> pipeline = new AtomicReference<>();
    final AtomicReference<SqlTranspiler> transpiler = new AtomicReference<>();
    final AtomicReference<io.hatidata.api.webhooks.WebhookService> webhooks = new AtomicReference<>();
    final AtomicReference<io.hatidata.api.audit.AuditService> audit = new AtomicReference<>();
    final AtomicReference<io.hatidata.api.billing.BillingService> billing = new AtomicReference<>();
    final AtomicReference<io.hatidata.api.provisioning.JitAccessService> jit = new AtomicReference<>();
    final AtomicReference<io.hatidata.api.provisioning.ShadowService> shadow = new AtomicReference<>();
    final AtomicReference<io.hatidata.api.provisioning.AgentService> agents = new AtomicReference<>();
    private final ApplicationHandler handler;

    ApiHarness(boolean rateLimits) {
        Services services = new Services(controlPlane, controlPlane, controlPlane, controlPlane.environmentService,
                controlPlane.keyService, controlPlane.agentKeyService, controlPlane.userService, pipeline::get,
                transpiler::get, webhooks::get, audit::get, billing::get, jit::get, shadow::get, () -> null, agents::get);
        handler = new ApplicationHandler(ApiApplication.create(services, new Settings("db.example.com", 5439, rateLimits, AuthenticationFilter.MAX_FAILURES_PER_MINUTE)));
    }

    Answer call(String method, String path, String body, String... headers) throws Exception {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/v1/"),
                URI.create("http://localhost/v1/" + path), method, null, new MapPropertiesDelegate(), handler.getConfiguration());
        request.setProperty("hatidata.remoteAddress", "192.0.2.7");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            if (request.getHeaderString("Content-Type") == null) {
                request.header("Content-Type", "application/json");
            }
            request.setEntityStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContainerResponse response = handler.apply(request, out).get();
        String text = out.toString(StandardCharsets.UTF_8);
        Object parsed = text.isEmpty() ? null : JSON.readValue(text, Object.class);
        return new Answer(response.getStatus(), response.getHeaders(), parsed, text);
    }
}
