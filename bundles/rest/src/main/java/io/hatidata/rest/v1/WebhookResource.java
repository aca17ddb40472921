package io.hatidata.rest.v1;

import io.hatidata.api.webhooks.CreatedWebhook;
import io.hatidata.api.webhooks.NewWebhook;
import io.hatidata.api.webhooks.RotatedWebhookSecret;
import io.hatidata.api.webhooks.Webhook;
import io.hatidata.api.webhooks.WebhookChanges;
import io.hatidata.api.webhooks.WebhookDelivery;
import io.hatidata.api.webhooks.WebhookService;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * Webhooks of an organization (SPEC §2.12): the signing secret only in the create and rotate answers.
 * Answers 503 while the webhooks bundle is not running.
 */
@Path("organizations/{org_id}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public final class WebhookResource {
    private final Services services;

    WebhookResource(Services services) {
        this.services = services;
    }

    /** {@code {url, description?, events}} → 201 the webhook + {@code signing_secret}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("org_id") String orgId, Map<String, Object> json,
            @Context ContainerRequestContext request) {
        return with(request, webhooks -> {
            Body body = Body.of(json);
            CreatedWebhook created = webhooks.create(Callers.of(request), orgId,
                    new NewWebhook(body.string("url"), body.string("description"), body.strings("events")));
            Map<String, Object> result = WebhookViews.webhook(created.webhook());
            result.put("signing_secret", created.signingSecret());
            return Response.status(201).entity(result).build();
        });
    }

    @GET
    public Response list(@PathParam("org_id") String orgId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context ContainerRequestContext request) {
        return with(request, webhooks -> Response.ok(Views.page(webhooks.list(Callers.of(request), orgId,
                Views.pageRequest(limit, cursor)), WebhookViews::webhook)).build());
    }

    @GET
    @Path("{webhook_id}")
    public Response get(@PathParam("org_id") String orgId, @PathParam("webhook_id") String webhookId,
            @Context ContainerRequestContext request) {
        return with(request, webhooks -> Response.ok(WebhookViews.webhook(
                webhooks.get(Callers.of(request), orgId, webhookId))).build());
    }

    /** {@code {url?, description?, events?, status?}}; {@code status: active} re-enables and clears the failure count. */
    @PATCH
    @Path("{webhook_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("org_id") String orgId, @PathParam("webhook_id") String webhookId,
            Map<String, Object> json, @Context ContainerRequestContext request) {
        return with(request, webhooks -> {
            Body body = Body.of(json);
            Webhook changed = webhooks.update(Callers.of(request), orgId, webhookId, new WebhookChanges(
                    body.string("url"), body.string("description"), body.strings("events"), body.string("status")));
            return Response.ok(WebhookViews.webhook(changed)).build();
        });
    }

    /** Deletes the webhook and its deliveries → 204. */
    @DELETE
    @Path("{webhook_id}")
    public Response delete(@PathParam("org_id") String orgId, @PathParam("webhook_id") String webhookId,
            @Context ContainerRequestContext request) {
        return with(request, webhooks -> {
            webhooks.delete(Callers.of(request), orgId, webhookId);
            return Response.noContent().build();
        });
    }

    /** Queues a {@code webhook.test} event → 202 the queued delivery. */
    @POST
    @Path("{webhook_id}/test")
    public Response test(@PathParam("org_id") String orgId, @PathParam("webhook_id") String webhookId,
            @Context ContainerRequestContext request) {
        return with(request, webhooks -> Response.status(202).entity(WebhookViews.delivery(
                webhooks.sendTest(Callers.of(request), orgId, webhookId))).build());
    }

    /** The delivery log, oldest first. */
    @GET
    @Path("{webhook_id}/deliveries")
    public Response deliveries(@PathParam("org_id") String orgId, @PathParam("webhook_id") String webhookId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context ContainerRequestContext request) {
        return with(request, webhooks -> Response.ok(Views.page(webhooks.deliveries(Callers.of(request), orgId, webhookId,
                Views.pageRequest(limit, cursor)), WebhookViews::delivery)).build());
    }

    /** {@code {grace_period_hours?}} (0–720, default 24) → the webhook, the new {@code signing_secret} and the grace period's end. */
    @POST
    @Path("{webhook_id}/rotate-secret")
    public Response rotateSecret(@PathParam("org_id") String orgId, @PathParam("webhook_id") String webhookId,
            String text, @Context ContainerRequestContext request) throws IOException {
        // the body is optional, so it is read as text: a POST without one (or without a type) is fine
        Integer grace = Body.parse(text).integer("grace_period_hours");
        return with(request, webhooks -> {
            RotatedWebhookSecret rotated = webhooks.rotateSecret(Callers.of(request), orgId, webhookId, grace);
            Map<String, Object> result = new LinkedHashMap<>(WebhookViews.webhook(rotated.webhook()));
            result.put("signing_secret", rotated.signingSecret());
            result.put("previous_secret_expires_at", Views.time(rotated.previousSecretExpiresAt()));
            return Response.ok(result).build();
        });
    }

    private Response with(ContainerRequestContext request, Function<WebhookService, Response> call) {
        WebhookService webhooks = services.webhooks().get();
        if (webhooks == null) {
            return Errors.response(503, ErrorCode.INTERNAL_ERROR, "the webhooks service is not running", Map.of(),
                    RequestIds.of(request));
        }
        return call.apply(webhooks);
    }

    /** The JSON shapes of webhooks and deliveries. */
    static final class WebhookViews {
        private WebhookViews() {}

        static Map<String, Object> webhook(Webhook webhook) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("webhook_id", webhook.id());
            result.put("org_id", webhook.organizationId());
            result.put("url", webhook.url());
            result.put("description", webhook.description());
            result.put("events", webhook.events());
            result.put("status", webhook.status());
            result.put("last_delivered_at", Views.time(webhook.lastDeliveredAt()));
            result.put("last_status_code", webhook.lastStatusCode());
            result.put("failure_count", webhook.failureCount());
            result.put("secret_rotating", webhook.secretRotating());
            result.put("created_at", Views.time(webhook.createdAt()));
            result.put("updated_at", Views.time(webhook.updatedAt()));
            return result;
        }

        static Map<String, Object> delivery(WebhookDelivery delivery) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("delivery_id", delivery.id());
            result.put("webhook_id", delivery.webhookId());
            result.put("event_id", delivery.eventId());
            result.put("event_type", delivery.eventType());
            result.put("status", delivery.status());
            result.put("attempts", delivery.attempts());
            result.put("response_code", delivery.responseCode());
            result.put("latency_ms", delivery.latencyMs());
            result.put("last_error", delivery.lastError());
            result.put("next_attempt_at", Views.time(delivery.nextAttemptAt()));
            result.put("created_at", Views.time(delivery.createdAt()));
            result.put("delivered_at", Views.time(delivery.deliveredAt()));
            return result;
        }
    }
}
