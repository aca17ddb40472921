package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.InvitedUser;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
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

/** Users of an organization (SPEC §2.3). */
@Path("organizations/{org_id}/users")
@Produces(MediaType.APPLICATION_JSON)
public final class UserResource {
    private final Services services;

    UserResource(Services services) {
        this.services = services;
    }

    /**
     * Invite: {@code {email, name?, role?}} → 201 with {@code status: invited}, {@code invitation_expires_at}
     * and, unless it was delivered to the invitee, the one-time {@code invitation_token} (shown only here).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invite(@PathParam("org_id") String orgId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        Body body = Body.of(json);
        return Response.status(201).entity(invited(services.users().invite(Callers.of(request), orgId,
                body.requiredString("email"), body.string("name"), body.string("role")))).build();
    }

    /** A new invitation token for a user who is still invited (the earlier ones stop working); same body as invite. */
    @POST
    @Path("{user_id}/invitation")
    public Map<String, Object> resendInvitation(@PathParam("org_id") String orgId, @PathParam("user_id") String userId,
            @Context ContainerRequestContext request) {
        return invited(services.users().resendInvitation(Callers.of(request), orgId, userId));
    }

    @GET
    public Map<String, Object> list(@PathParam("org_id") String orgId, @QueryParam("role") String role,
            @QueryParam("status") String status, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context ContainerRequestContext request) {
        return Views.page(services.users().list(Callers.of(request), orgId, role, status, Views.pageRequest(limit, cursor)),
                Views::user);
    }

    @GET
    @Path("{user_id}")
    public Map<String, Object> get(@PathParam("org_id") String orgId, @PathParam("user_id") String userId,
            @Context ContainerRequestContext request) {
        return Views.user(services.users().get(Callers.of(request), orgId, userId));
    }

    /** {@code {role}}. */
    @PUT
    @Path("{user_id}/role")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> changeRole(@PathParam("org_id") String orgId, @PathParam("user_id") String userId,
            Map<String, Object> json, @Context ContainerRequestContext request) {
        return Views.user(services.users().changeRole(Callers.of(request), orgId, userId,
                Body.of(json).requiredString("role")));
    }

    @POST
    @Path("{user_id}/suspend")
    public Map<String, Object> suspend(@PathParam("org_id") String orgId, @PathParam("user_id") String userId,
            @Context ContainerRequestContext request) {
        return Views.user(services.users().suspend(Callers.of(request), orgId, userId));
    }

    private static Map<String, Object> invited(InvitedUser invited) {
        Map<String, Object> result = Views.user(invited.user());
        result.put("invitation_delivered", invited.delivered());
        if (invited.invitationToken() != null) {
            result.put("invitation_token", invited.invitationToken());
        }
        return result;
    }

    @DELETE
    @Path("{user_id}")
    public Response remove(@PathParam("org_id") String orgId, @PathParam("user_id") String userId,
            @Context ContainerRequestContext request) {
        services.users().remove(Callers.of(request), orgId, userId);
        return Response.noContent().build();
    }
}
