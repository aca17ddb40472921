package io.hatidata.rest.v1;

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
import java.util.function.Supplier;

/**
 * The services the API calls; every {@code Supplier} answers {@code null} while its service is not bound
 * (the endpoints that need it answer 503).
 */
public record Services(
        CallerAuthenticator authenticator,
        TokenService tokens,
        OrganizationService organizations,
        EnvironmentService environments,
        ApiKeyService keys,
        AgentKeyService agentKeys,
        UserService users,
        Supplier<Pipeline> pipeline,
        Supplier<SqlTranspiler> transpiler,
        Supplier<WebhookService> webhooks,
        Supplier<AuditService> audit,
        Supplier<BillingService> billing,
        Supplier<JitAccessService> jit,
        Supplier<ShadowService> shadow,
        Supplier<PolicyService> policies,
        Supplier<AgentService> agents) {}
