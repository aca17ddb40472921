package io.hatidata.rest;

import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.pipeline.StageInfo;
import io.hatidata.api.pipeline.StageOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /health} (and {@code /v1/health}, which older clients probe): 200
 * {@code {"status":"ok","version":"…","stages":n}} when the pipeline runs and has a stage that executes
 * statements, otherwise 503 with {@code "status":"unavailable"}. Unauthenticated, and tells nothing
 * about data or tenants, so load balancers can call it.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/health", "/v1/health"})
public final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final String version;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Pipeline pipeline;

    @Activate
    public HealthServlet(BundleContext context) {
        this.version = context.getBundle().getVersion().toString();
    }

    HealthServlet(String version, Pipeline pipeline) {
        this.version = version;
        this.pipeline = pipeline;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Pipeline current = pipeline;
        List<StageInfo> stages = current == null ? List.of() : current.stages();
        boolean executes = stages.stream().anyMatch(each -> each.order() >= StageOrder.EXECUTE);
        response.setStatus(executes ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        String body = "{\"status\":\"" + (executes ? "ok" : "unavailable") + "\",\"version\":\"" + version
                + "\",\"stages\":" + stages.size() + "}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
