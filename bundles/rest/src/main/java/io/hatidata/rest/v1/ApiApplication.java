package io.hatidata.rest.v1;

import java.time.Clock;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The {@code /v1} application: resources, filters and exception mappers, built from the services. */
public final class ApiApplication {
    private ApiApplication() {}

    public static ResourceConfig create(Services services, Settings settings) {
        RateLimiter limiter = new RateLimiter(Clock.systemUTC(), settings.rateLimits());
        return new ResourceConfig()
                .register(JacksonFeature.withoutExceptionMappers())
                .register(new RequestIds())
                .register(new AuthenticationFilter(services.authenticator(), limiter,
                        new RateLimiter(Clock.systemUTC(), true), settings.authFailuresPerMinute()))
                .register(new ExceptionMappers.ControlPlane())
                .register(new ExceptionMappers.Web())
                .register(new ExceptionMappers.Json())
                .register(new ExceptionMappers.Unexpected())
                .register(new AuthResource(services))
                .register(new OrganizationResource(services))
                .register(new EnvironmentResource(services, settings))
                .register(new PolicyResource(services))
                .register(new ApiKeyResource(services))
                .register(new AgentKeyResource(services))
                .register(new UserResource(services))
                .register(new QueryResource(services))
                .register(new TranspileResource(services))
                .register(new WebhookResource(services))
                .register(new AuditResource(services))
                .register(new BillingResource(services))
                .register(new JitAccessResource(services))
                .register(new ShadowResource(services))
                .register(new AgentResource(services))
                .register(new OpenApiResource())
                // no WADL, no Jersey error pages: every error is the JSON envelope
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
                .property(ServerProperties.BV_FEATURE_DISABLE, true);
    }
}
