package io.hatidata.rest;

import io.hatidata.api.controlplane.AgentKeyService;
import io.hatidata.api.controlplane.ApiKeyService;
import io.hatidata.api.controlplane.CallerAuthenticator;
import io.hatidata.api.controlplane.EnvironmentService;
import io.hatidata.api.controlplane.OrganizationService;
import io.hatidata.api.controlplane.TokenService;
import io.hatidata.api.controlplane.UserService;
import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.provisioning.AgentService;
import io.hatidata.api.provisioning.JitAccessService;
import io.hatidata.api.provisioning.ShadowService;
import io.hatidata.api.sql.SqlTranspiler;
import io.hatidata.rest.v1.ApiApplication;
import io.hatidata.rest.v1.Services;
import io.hatidata.rest.v1.Settings;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.glassfish.jersey.servlet.ServletContainer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code /v1} REST API: Jersey's servlet container on Pax Web through the HTTP Whiteboard
 * (PLATFORM.md §4), with the application of {@link ApiApplication}. The control-plane services are static
 * references (the API is only published while they are); the pipeline is optional and dynamic, so
 * {@code POST /v1/query} answers 503 while it is being replaced.
 */
@Component(service = Servlet.class, configurationPid = "io.hatidata.rest")
@HttpWhiteboardServletPattern("/v1/*")
@HttpWhiteboardServletName("hatidata-api-v1")
@Designate(ocd = ApiServletConfig.class)
public final class ApiServlet extends ServletContainer {
    private static final long serialVersionUID = 1L;
    static final String REMOTE_ADDRESS = "hatidata.remoteAddress";

    private final transient AtomicReference<Pipeline> pipeline;
    private final transient AtomicReference<SqlTranspiler> transpiler;
    private final transient AtomicReference<JitAccessService> jit;
    private final transient AtomicReference<ShadowService> shadow;
    private final transient AtomicReference<AgentService> agents;

    @Activate
    public ApiServlet(@Reference CallerAuthenticator authenticator, @Reference TokenService tokens,
            @Reference OrganizationService organizations, @Reference EnvironmentService environments,
            @Reference ApiKeyService keys, @Reference AgentKeyService agentKeys, @Reference UserService users,
            ApiServletConfig config) {
        this(new AtomicReference<>(), new AtomicReference<>(), new AtomicReference<>(), new AtomicReference<>(),
                new AtomicReference<>(), authenticator, tokens, organizations, environments, keys, agentKeys, users, config);
    }

    private ApiServlet(AtomicReference<Pipeline> pipeline, AtomicReference<SqlTranspiler> transpiler,
            AtomicReference<JitAccessService> jit, AtomicReference<ShadowService> shadow,
            AtomicReference<AgentService> agents,
            CallerAuthenticator authenticator, TokenService tokens,
            OrganizationService organizations, EnvironmentService environments, ApiKeyService keys,
            AgentKeyService agentKeys, UserService users, ApiServletConfig config) {
        super(ApiApplication.create(
                new Services(authenticator, tokens, organizations, environments, keys, agentKeys, users, pipeline::get,
                        transpiler::get, jit::get, shadow::get, agents::get),
                new Settings(config.connectionHost(), config.connectionPort(), config.rateLimitsEnabled(),
                        config.authFailuresPerMinute())));
        this.pipeline = pipeline;
        this.transpiler = transpiler;
        this.jit = jit;
        this.shadow = shadow;
        this.agents = agents;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPipeline(Pipeline bound) {
        pipeline.set(bound);
    }

    void unbindPipeline(Pipeline unbound) {
        pipeline.compareAndSet(unbound, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTranspiler(SqlTranspiler bound) {
        transpiler.set(bound);
    }

    void unbindTranspiler(SqlTranspiler unbound) {
        transpiler.compareAndSet(unbound, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindJit(JitAccessService bound) {
        jit.set(bound);
    }

    void unbindJit(JitAccessService unbound) {
        jit.compareAndSet(unbound, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindShadow(ShadowService bound) {
        shadow.set(bound);
    }

    void unbindShadow(ShadowService unbound) {
        shadow.compareAndSet(unbound, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAgents(AgentService bound) {
        agents.set(bound);
    }

    void unbindAgents(AgentService unbound) {
        agents.compareAndSet(unbound, null);
    }

    /** Hands the client's address to the filters (as a request attribute, which Jersey exposes as a property). */
    @Override
    public void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.setAttribute(REMOTE_ADDRESS, request.getRemoteAddr());
        super.service(request, response);
    }
}
