package io.hatidata.rest;

import io.hatidata.api.audit.AuditService;
import io.hatidata.api.billing.BillingService;
import io.hatidata.api.controlplane.AgentKeyService;
import io.hatidata.api.controlplane.ApiKeyService;
import io.hatidata.api.controlplane.CallerAuthenticator;
import io.hatidata.api.controlplane.EnvironmentService;
import io.hatidata.api.controlplane.OrganizationService;
import io.hatidata.api.controlplane.TokenService;
import io.hatidata.api.controlplane.UserService;
import io.hatidata.api.pipeline.Pipeline;
import io.hatidata.api.policy.PolicyService;
import io.hatidata.api.provisioning.AgentService;
import io.hatidata.api.provisioning.JitAccessService;
import io.hatidata.api.provisioning.ShadowService;
import io.hatidata.api.sql.SqlTranspiler;
import io.hatidata.api.webhooks.WebhookService;
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

    /** The optional services, each swapped by DS as it comes and goes; the API reads them per request. */
    private static final class Optionals {
        final AtomicReference<Pipeline> pipeline = new AtomicReference<>();
        final AtomicReference<SqlTranspiler> transpiler = new AtomicReference<>();
        final AtomicReference<WebhookService> webhooks = new AtomicReference<>();
        final AtomicReference<AuditService> audit = new AtomicReference<>();
        final AtomicReference<BillingService> billing = new AtomicReference<>();
        final AtomicReference<JitAccessService> jit = new AtomicReference<>();
        final AtomicReference<ShadowService> shadow = new AtomicReference<>();
        final AtomicReference<PolicyService> policies = new AtomicReference<>();
        final AtomicReference<AgentService> agents = new AtomicReference<>();
    }

    private final transient Optionals optionals;

    @Activate
    public ApiServlet(@Reference CallerAuthenticator authenticator, @Reference TokenService tokens,
            @Reference OrganizationService organizations, @Reference EnvironmentService environments,
            @Reference ApiKeyService keys, @Reference AgentKeyService agentKeys, @Reference UserService users,
            ApiServletConfig config) {
        this(new Optionals(), authenticator, tokens, organizations, environments, keys, agentKeys, users, config);
    }

    private ApiServlet(Optionals optionals, CallerAuthenticator authenticator, TokenService tokens,
            OrganizationService organizations, EnvironmentService environments, ApiKeyService keys,
            AgentKeyService agentKeys, UserService users, ApiServletConfig config) {
        super(ApiApplication.create(
                new Services(authenticator, tokens, organizations, environments, keys, agentKeys, users,
                        optionals.pipeline::get, optionals.transpiler::get, optionals.webhooks::get,
                        optionals.audit::get, optionals.billing::get, optionals.jit::get, optionals.shadow::get,
                        optionals.policies::get, optionals.agents::get),
                new Settings(config.connectionHost(), config.connectionPort(), config.rateLimitsEnabled(),
                        config.authFailuresPerMinute())));
        this.optionals = optionals;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPipeline(Pipeline bound) {
        optionals.pipeline.set(bound);
    }

    void unbindPipeline(Pipeline unbound) {
        optionals.pipeline.compareAndSet(unbound, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTranspiler(SqlTranspiler bound) {
        optionals.transpiler.set(bound);
    }

    void unbindTranspiler(SqlTranspiler unbound) {
        optionals.transpiler.compareAndSet(unbound, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindWebhooks(WebhookService bound) {
        optionals.webhooks.set(bound);
    }

    void unbindWebhooks(WebhookService unbound) {
        optionals.webhooks.compareAndSet(unbound, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAudit(AuditService bound) {
        optionals.audit.set(bound);
    }

    void unbindAudit(AuditService unbound) {
        optionals.audit.compareAndSet(unbound, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBilling(BillingService bound) {
        optionals.billing.set(bound);
    }

    void unbindBilling(BillingService unbound) {
        optionals.billing.compareAndSet(unbound, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindJit(JitAccessService bound) {
        optionals.jit.set(bound);
    }

    void unbindJit(JitAccessService unbound) {
        optionals.jit.compareAndSet(unbound, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindShadow(ShadowService bound) {
        optionals.shadow.set(bound);
    }

    void unbindShadow(ShadowService unbound) {
        optionals.shadow.compareAndSet(unbound, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPolicies(PolicyService bound) {
        optionals.policies.set(bound);
    }

    void unbindPolicies(PolicyService unbound) {
        optionals.policies.compareAndSet(unbound, null);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAgents(AgentService bound) {
        optionals.agents.set(bound);
    }

    void unbindAgents(AgentService unbound) {
        optionals.agents.compareAndSet(unbound, null);
    }


    /** Hands the client's address to the filters (as a request attribute, which Jersey exposes as a property). */
    @Override
    public void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.setAttribute(REMOTE_ADDRESS, request.getRemoteAddr());
        super.service(request, response);
    }
}
