package io.hatidata.rest.v1;

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
import java.util.function.Supplier;

/** The services the API calls; {@code pipeline} and {@code transpiler} (and {@code jit}, {@code shadow}, {@code agents}) answer {@code null} while none is bound. */
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
        Supplier<JitAccessService> jit,
        Supplier<ShadowService> shadow,
        Supplier<AgentService> agents) {}
