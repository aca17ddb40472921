package io.hatidata.webhooks;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Permission;
import io.hatidata.api.webhooks.CreatedWebhook;
import io.hatidata.api.webhooks.NewWebhook;
import io.hatidata.api.webhooks.RotatedWebhookSecret;
import io.hatidata.api.webhooks.Webhook;
import io.hatidata.api.webhooks.WebhookChanges;
import io.hatidata.api.webhooks.WebhookDelivery;
import io.hatidata.api.webhooks.WebhookEventTypes;
import io.hatidata.api.webhooks.WebhookService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Webhooks of an organization, for owners and admins (SPEC §2.1.1 "Manage webhooks"; a key also needs
 * {@code webhooks:manage}). Another organization's webhooks are {@code NOT_FOUND}. Secrets are generated
 * here, returned once and stored encrypted ({@link SecretCipher}).
 */
@Component(configurationPid = WebhookPids.WEBHOOKS, service = WebhookService.class)
public final class DefaultWebhookService implements WebhookService {
    static final String SCOPE = "webhooks:manage";
    static final int MAX_EVENTS = 50;
    static final int MAX_DESCRIPTION = 500;
    static final int DEFAULT_GRACE_HOURS = 24;
    static final int MAX_GRACE_HOURS = 720;

    private final WebhookDatabase database;
    private final SecretCipher cipher;
    private final WebhookDispatcher dispatcher;
    private final UrlPolicy policy;
    private final int maxWebhooks;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public DefaultWebhookService(@Reference WebhookDatabase database, @Reference SecretCipher cipher,
            @Reference WebhookDispatcher dispatcher, WebhooksConfig config) {
        this.database = database;
        this.cipher = cipher;
        this.dispatcher = dispatcher;
        this.policy = new UrlPolicy(config.allowPrivateTargets());
        this.maxWebhooks = config.maxWebhooksPerOrganization();
    }

    @Override
    public CreatedWebhook create(Caller caller, String organizationId, NewWebhook request) {
        authorize(caller, organizationId);
        String url = policy.validate(request.url()).toString();
        String description = description(request.description());
        List<String> events = events(request.events());
        Instant now = Instant.now();
        Webhook webhook = new Webhook(Ids.webhookId(random), organizationId, url, description, events, Webhook.ACTIVE,
                null, null, 0, false, now, now);
        String secret = Ids.signingSecret(random);
        database.jdbc().forCaller(connection -> {
            if (database.webhooks().count(connection, organizationId) >= maxWebhooks) {
                throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT,
                        "the organization already has " + maxWebhooks + " webhooks", Map.of("limit", Integer.toString(maxWebhooks)), 0);
            }
            database.webhooks().insert(connection, webhook, cipher.encrypt(secret, webhook.id()), caller.identity().userId());
            return null;
        });
        return new CreatedWebhook(webhook, secret);
    }

    @Override
    public Page<Webhook> list(Caller caller, String organizationId, PageRequest page) {
        authorize(caller, organizationId);
        String after = Pages.after(page);
        return database.jdbc().forCaller(connection -> Pages.of(
                database.webhooks().list(connection, organizationId, after, page.limit() + 1), page,
                database.webhooks().count(connection, organizationId), Webhook::id));
    }

    @Override
    public Webhook get(Caller caller, String organizationId, String webhookId) {
        authorize(caller, organizationId);
        return database.jdbc().forCaller(connection -> load(connection, organizationId, webhookId).webhook());
    }

    @Override
    public Webhook update(Caller caller, String organizationId, String webhookId, WebhookChanges changes) {
        authorize(caller, organizationId);
        String url = changes.url() == null ? null : policy.validate(changes.url()).toString();
        String description = changes.description() == null ? null : description(changes.description());
        List<String> events = changes.events() == null ? null : events(changes.events());
        if (changes.status() != null && !Webhook.ACTIVE.equals(changes.status()) && !Webhook.DISABLED.equals(changes.status())) {
            throw ControlPlaneException.invalid("status", "enum", "status must be active or disabled");
        }
        Webhook result = database.jdbc().forCaller(connection -> {
            Webhook current = load(connection, organizationId, webhookId).webhook();
            boolean reenabled = Webhook.ACTIVE.equals(changes.status()) && !Webhook.ACTIVE.equals(current.status());
            Webhook changed = new Webhook(current.id(), current.organizationId(), url == null ? current.url() : url,
                    description == null ? current.description() : description, events == null ? current.events() : events,
                    changes.status() == null ? current.status() : changes.status(), current.lastDeliveredAt(),
                    current.lastStatusCode(), reenabled ? 0 : current.failureCount(), current.secretRotating(),
                    current.createdAt(), Instant.now());
            database.webhooks().update(connection, changed, reenabled);
            return changed;
        });
        if (Webhook.ACTIVE.equals(result.status())) {
            dispatcher.wake(); // deliveries that waited while it was disabled
        }
        return result;
    }

    @Override
    public void delete(Caller caller, String organizationId, String webhookId) {
        authorize(caller, organizationId);
        database.jdbc().forCaller(connection -> {
            load(connection, organizationId, webhookId);
            database.webhooks().delete(connection, webhookId);
            return null;
        });
    }

    @Override
    public WebhookDelivery sendTest(Caller caller, String organizationId, String webhookId) {
        authorize(caller, organizationId);
        Instant now = Instant.now();
        String eventId = Ids.testEventId(random);
        String deliveryId = Ids.deliveryId(random, now.toEpochMilli());
        WebhookDelivery queued = database.jdbc().forCaller(connection -> {
            Webhook webhook = load(connection, organizationId, webhookId).webhook();
            if (!Webhook.ACTIVE.equals(webhook.status())) {
                throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT, "the webhook is disabled");
            }
            database.outbox().enqueue(connection, deliveryId, webhookId, eventId, WebhookEventTypes.TEST,
                    EventPayload.test(eventId, organizationId, webhookId, now), now, now);
            return database.outbox().find(connection, deliveryId).orElseThrow();
        });
        dispatcher.wake();
        return queued;
    }

    @Override
    public Page<WebhookDelivery> deliveries(Caller caller, String organizationId, String webhookId, PageRequest page) {
        authorize(caller, organizationId);
        String after = Pages.after(page);
        return database.jdbc().forCaller(connection -> {
            load(connection, organizationId, webhookId);
            return Pages.of(database.outbox().list(connection, webhookId, after, page.limit() + 1), page,
                    database.outbox().count(connection, webhookId), WebhookDelivery::id);
        });
    }

    @Override
    public RotatedWebhookSecret rotateSecret(Caller caller, String organizationId, String webhookId, Integer gracePeriodHours) {
        authorize(caller, organizationId);
        int grace = gracePeriodHours == null ? DEFAULT_GRACE_HOURS : gracePeriodHours;
        if (grace < 0 || grace > MAX_GRACE_HOURS) {
            throw ControlPlaneException.invalid("grace_period_hours", "range",
                    "grace_period_hours must be between 0 and " + MAX_GRACE_HOURS);
        }
        Instant now = Instant.now();
        Instant previousExpiresAt = now.plus(Duration.ofHours(grace));
        String secret = Ids.signingSecret(random);
        Webhook webhook = database.jdbc().forCaller(connection -> {
            WebhookRow current = load(connection, organizationId, webhookId);
            database.webhooks().rotate(connection, webhookId, cipher.encrypt(secret, webhookId), current.secret(),
                    previousExpiresAt, now);
            return load(connection, organizationId, webhookId).webhook();
        });
        return new RotatedWebhookSecret(webhook, secret, previousExpiresAt);
    }

    private WebhookRow load(Connection connection, String organizationId, String webhookId) throws SQLException {
        return database.webhooks().find(connection, organizationId, webhookId)
                .orElseThrow(() -> ControlPlaneException.notFound("webhook"));
    }

    private static void authorize(Caller caller, String organizationId) {
        if (organizationId == null || !organizationId.equals(caller.identity().organizationId())) {
            throw ControlPlaneException.notFound("organization");
        }
        if (!caller.role().has(Permission.MANAGE_WEBHOOKS)) {
            throw ControlPlaneException.forbidden("the role " + caller.role().json() + " may not manage webhooks");
        }
        if (caller.method() == Caller.Method.API_KEY && !caller.scopes().contains(SCOPE)) {
            throw ControlPlaneException.forbidden("the API key lacks the scope " + SCOPE);
        }
    }

    private static String description(String value) {
        String result = value == null ? "" : value.trim();
        if (result.length() > MAX_DESCRIPTION) {
            throw ControlPlaneException.invalid("description", "max_length",
                    "description is longer than " + MAX_DESCRIPTION + " characters");
        }
        return result;
    }

    private static List<String> events(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw ControlPlaneException.invalid("events", "required", "events must name at least one event type");
        }
        LinkedHashSet<String> result = new LinkedHashSet<>();
        for (String each : requested) {
            if (!WebhookEventTypes.isKnown(each)) {
                throw new ControlPlaneException(ControlPlaneException.Reason.VALIDATION, "unknown event type: "
                        + (each == null ? "null" : each.length() > 80 ? each.substring(0, 80) + "…" : each),
                        Map.of("field", "events", "constraint", "enum"), 0);
            }
            result.add(each);
        }
        if (result.size() > MAX_EVENTS) {
            throw ControlPlaneException.invalid("events", "max_items", "at most " + MAX_EVENTS + " event types");
        }
        return new ArrayList<>(result);
    }
}
