package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.controlplane.EnvironmentChanges;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** Environments (SPEC §2.4): list and create under the organization, the rest by environment id. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class EnvironmentResource {
    private final Services services;
    private final Settings settings;

    EnvironmentResource(Services services, Settings settings) {
        this.services = services;
        this.settings = settings;
    }

    @POST
    @Path("organizations/{org_id}/environments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("org_id") String orgId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        Environment created = services.environments().create(Callers.of(request), orgId, changes(Body.of(json), true));
        return Response.status(201).entity(view(created)).build();
    }

    @GET
    @Path("organizations/{org_id}/environments")
    public Map<String, Object> list(@PathParam("org_id") String orgId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context ContainerRequestContext request) {
        return Views.page(services.environments().list(Callers.of(request), orgId, Views.pageRequest(limit, cursor)),
                this::view);
    }

    @GET
    @Path("environments/{env_id}")
    public Map<String, Object> get(@PathParam("env_id") String envId, @Context ContainerRequestContext request) {
        return view(services.environments().get(Callers.of(request), envId));
    }

    @PATCH
    @Path("environments/{env_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("env_id") String envId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        return view(services.environments().update(Callers.of(request), envId, changes(Body.of(json), false)));
    }

    @PUT
    @Path("environments/{env_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> replace(@PathParam("env_id") String envId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        return update(envId, json, request);
    }

    @DELETE
    @Path("environments/{env_id}")
    public Response delete(@PathParam("env_id") String envId, @Context ContainerRequestContext request) {
        services.environments().delete(Callers.of(request), envId);
        return Response.noContent().build();
    }

    private static EnvironmentChanges changes(Body body, boolean create) {
        Body settings = body.object("settings");
        return new EnvironmentChanges(create ? body.requiredString("name") : body.string("name"), body.string("slug"),
                settings.integer("query_timeout_ms"), settings.integer("max_concurrent_queries"),
                settings.bool("cache_enabled"));
    }

    private Map<String, Object> view(Environment environment) {
        return Views.environment(environment, settings.connectionHost(), settings.connectionPort());
    }
}
