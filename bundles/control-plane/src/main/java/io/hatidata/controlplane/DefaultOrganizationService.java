package io.hatidata.controlplane;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.DomainEvent;
import io.hatidata.api.controlplane.DomainEventPublisher;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Organization;
import io.hatidata.api.controlplane.OrganizationChanges;
import io.hatidata.api.controlplane.OrganizationService;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Permission;
import io.hatidata.api.controlplane.Role;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Organizations in the control-plane store. A new organization gets its creator as owner (a membership
 * with the creator's e-mail and password hash) and an environment {@code development}.
 */
@Component(configurationPid = ControlPlanePids.CONTROL_PLANE, service = OrganizationService.class)
public final class DefaultOrganizationService implements OrganizationService {
    private static final Set<String> STATUSES = Set.of("active", "suspended");

    private final Db db;
    private final ApiKeyAuthenticator authenticator;
    private final DomainEventPublisher events;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public DefaultOrganizationService(@Reference(name = "dataSource") DataSource dataSource,
            @Reference ApiKeyAuthenticator authenticator, @Reference DomainEventPublisher events) {
        this.db = new Db(dataSource);
        this.authenticator = authenticator;
        this.events = events;
    }

    @Override
    public Organization create(Caller caller, OrganizationChanges organization) {
        if (caller.method() != Caller.Method.ACCESS_TOKEN) {
            throw ControlPlaneException.forbidden("organizations are created by users (log in), not by API keys");
        }
        String name = Access.required(organization.name(), "name", 200);
        String slug = Access.slug(organization.slug(), "slug");
        String billingEmail = Access.email(organization.billingEmail(), "billing_email");
        String region = organization.cloudRegion() == null ? "us-east-1" : Access.required(organization.cloudRegion(), "cloud_region", 40);
        Instant now = Instant.now();
        String id = Ids.newId(random, "org_", 12);
        db.inTransaction(connection -> {
            if (!Db.query(connection, "SELECT 1 FROM organizations WHERE slug = ?", row -> 1, slug).isEmpty()) {
                throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT, "the slug is taken",
                        java.util.Map.of("field", "slug", "constraint", "unique"), 0);
            }
            List<String[]> creator = Db.query(connection, "SELECT user_name, email, password_hash FROM users WHERE id = ?",
                    row -> new String[] {row.getString(1), row.getString(2), row.getString(3)}, caller.identity().userId());
            if (creator.isEmpty()) {
                throw new ControlPlaneException(ControlPlaneException.Reason.UNAUTHORIZED, "the user no longer exists");
            }
            Db.update(connection, "INSERT INTO organizations (id, name, tier, created_at, slug, billing_email, cloud_region,"
                    + " mfa_required, enforce_sso, updated_at, status) VALUES (?, ?, 'free', ?, ?, ?, ?, ?, ?, ?, 'active')",
                    id, name, now, slug, billingEmail, region, Boolean.TRUE.equals(organization.mfaRequired()),
                    Boolean.TRUE.equals(organization.enforceSso()), now);
            Db.update(connection, "INSERT INTO users (id, org_id, user_name, email, password_hash, role, created_at, name)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Ids.newId(random, "usr_", 12), id, creator.get(0)[0],
                    creator.get(0)[1], creator.get(0)[2], Role.OWNER.json(), now, creator.get(0)[0]);
            Db.update(connection, "INSERT INTO environments (id, org_id, name, slug, created_at, updated_at)"
                    + " VALUES (?, ?, 'development', 'development', ?, ?)", Ids.newId(random, "env_dev_", 8), id, now, now);
            publish(connection, "organization.created", caller, id, id, Map.of("slug", slug, "name", name));
            return null;
        });
        return load(id);
    }

    @Override
    public Organization get(Caller caller, String organizationId) {
        Access.requireMember(caller, organizationId, "organization");
        return load(organizationId);
    }

    @Override
    public Page<Organization> list(Caller caller, PageRequest page) {
        String after = Access.after(page);
        Organization own = load(caller.identity().organizationId());
        List<Organization> rows = own.id().compareTo(after) > 0 ? List.of(own) : List.of();
        return Access.page(rows, page, 1, Organization::id);
    }

    @Override
    public Organization update(Caller caller, String organizationId, OrganizationChanges changes) {
        Access.requireMember(caller, organizationId, "organization");
        Access.require(caller, Permission.MANAGE_USERS, "orgs:manage");
        Organization current = load(organizationId);
        String status = current.status();
        if (changes.status() != null && !changes.status().equals(current.status())) {
            if (caller.role() != Role.OWNER) {
                throw ControlPlaneException.forbidden("only the owner changes the organization's status");
            }
            if (!STATUSES.contains(changes.status())) {
                throw ControlPlaneException.invalid("status", "enum", "status must be active or suspended");
            }
            status = changes.status();
        }
        String name = changes.name() == null ? current.name() : Access.required(changes.name(), "name", 200);
        String billingEmail = changes.billingEmail() == null ? current.billingEmail()
                : Access.email(changes.billingEmail(), "billing_email");
        String region = changes.cloudRegion() == null ? current.cloudRegion()
                : Access.required(changes.cloudRegion(), "cloud_region", 40);
        boolean mfa = changes.mfaRequired() == null ? current.mfaRequired() : changes.mfaRequired();
        boolean sso = changes.enforceSso() == null ? current.enforceSso() : changes.enforceSso();
        String newStatus = status;
        db.inTransaction(connection -> {
            Db.update(connection, "UPDATE organizations SET name = ?, billing_email = ?, cloud_region = ?, mfa_required = ?,"
                    + " enforce_sso = ?, status = ?, updated_at = ? WHERE id = ?",
                    name, billingEmail, region, mfa, sso, newStatus, Instant.now(), organizationId);
            if (!newStatus.equals(current.status())) {
                publish(connection, "organization." + ("suspended".equals(newStatus) ? "suspended" : "activated"), caller,
                        organizationId, organizationId, Map.of("status", newStatus, "previous_status", current.status()));
            }
            publish(connection, "organization.updated", caller, organizationId, organizationId, Map.of(
                    "name", name, "previous_name", current.name(),
                    "mfa_required", Boolean.toString(mfa), "previous_mfa_required", Boolean.toString(current.mfaRequired()),
                    "enforce_sso", Boolean.toString(sso), "previous_enforce_sso", Boolean.toString(current.enforceSso()),
                    "cloud_region", region, "previous_cloud_region", current.cloudRegion()));
            return null;
        });
        if (!status.equals(current.status())) {
            authenticator.invalidateVerifiedKeys();
        }
        return load(organizationId);
    }

    @Override
    public void delete(Caller caller, String organizationId) {
        Access.requireMember(caller, organizationId, "organization");
        Access.require(caller, Permission.DELETE_ORGANIZATION, "orgs:manage");
        db.inTransaction(connection -> {
            Db.update(connection, "UPDATE organizations SET status = 'deleted', updated_at = ? WHERE id = ?", Instant.now(),
                    organizationId);
            publish(connection, "organization.deleted", caller, organizationId, organizationId, Map.of());
            return null;
        });
        authenticator.invalidateVerifiedKeys();
    }

    private Organization load(String organizationId) {
        return db.queryOne("SELECT " + Rows.ORGANIZATION + " FROM organizations WHERE id = ? AND status <> 'deleted'",
                Rows::organization, organizationId).orElseThrow(() -> ControlPlaneException.notFound("organization"));
    }

    /** Appends the event inside the change's transaction: it exists exactly when the change was committed. */
    private void publish(Connection transaction, String type, Caller caller, String organizationId, String resourceId,
            Map<String, String> data) throws SQLException {
        events.publish(transaction,
                new DomainEvent(type, organizationId, caller.identity().userId(), resourceId, data, Instant.now()));
    }
}
