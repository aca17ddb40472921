package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.OrganizationChanges;
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

/** Organizations (SPEC §2.2), with {@code GET /v1/orgs} as an alias of the list. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public final class OrganizationResource {
    private final Services services;

    OrganizationResource(Services services) {
        this.services = services;
    }

    @POST
    @Path("organizations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Map<String, Object> json, @Context ContainerRequestContext request) {
        Body body = Body.of(json);
        Body settings = body.object("settings");
        var created = services.organizations().create(Callers.of(request), new OrganizationChanges(
                body.requiredString("name"), body.requiredString("slug"), body.requiredString("billing_email"),
                body.string("cloud_region"), settings.bool("mfa_required"), settings.bool("enforce_sso"), null));
        return Response.status(201).entity(Views.organization(created)).build();
    }

    @GET
    @Path("organizations")
    public Map<String, Object> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context ContainerRequestContext request) {
        return Views.page(services.organizations().list(Callers.of(request), Views.pageRequest(limit, cursor)),
                Views::organization);
    }

    @GET
    @Path("orgs")
    public Map<String, Object> listAlias(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context ContainerRequestContext request) {
        return list(limit, cursor, request);
    }

    @GET
    @Path("organizations/{org_id}")
    public Map<String, Object> get(@PathParam("org_id") String id, @Context ContainerRequestContext request) {
        return Views.organization(services.organizations().get(Callers.of(request), id));
    }

    @PATCH
    @Path("organizations/{org_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@PathParam("org_id") String id, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        Body body = Body.of(json);
        Body settings = body.object("settings");
        return Views.organization(services.organizations().update(Callers.of(request), id, new OrganizationChanges(
                body.string("name"), body.string("slug"), body.string("billing_email"), body.string("cloud_region"),
                settings.bool("mfa_required"), settings.bool("enforce_sso"), body.string("status"))));
    }

    @PUT
    @Path("organizations/{org_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> replace(@PathParam("org_id") String id, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        return update(id, json, request);
    }

    @DELETE
    @Path("organizations/{org_id}")
    public Response delete(@PathParam("org_id") String id, @Context ContainerRequestContext request) {
        services.organizations().delete(Callers.of(request), id);
        return Response.noContent().build();
    }
}
