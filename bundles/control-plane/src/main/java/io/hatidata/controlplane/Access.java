package io.hatidata.controlplane;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.controlplane.Permission;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Authorization and tenant checks shared by the services. Another organization's resources are
 * {@code NOT_FOUND} (their existence is not revealed); a missing permission or key scope is
 * {@code FORBIDDEN}.
 */
final class Access {
    private Access() {}

    /** The caller belongs to the organization, else NOT_FOUND. */
    static void requireMember(Caller caller, String organizationId, String what) {
        if (organizationId == null || !organizationId.equals(caller.identity().organizationId())) {
            throw ControlPlaneException.notFound(what);
        }
    }

    /** The caller's role grants the permission and, for a key, its scopes include {@code scope}. */
    static void require(Caller caller, Permission permission, String scope) {
        if (!caller.role().has(permission)) {
            throw ControlPlaneException.forbidden("the role " + caller.role().json() + " may not do this");
        }
        if (scope != null && caller.method() == Caller.Method.API_KEY && !caller.scopes().contains(scope)) {
            throw ControlPlaneException.forbidden("the API key lacks the scope " + scope);
        }
    }

    /**
     * An API key is bound to its environment: environment-level resources of other environments are
     * NOT_FOUND for it. Access tokens reach every environment of their organization.
     */
    static void requireEnvironment(Caller caller, String environmentId) {
        if (caller.method() == Caller.Method.API_KEY && !caller.identity().environmentId().equals(environmentId)) {
            throw ControlPlaneException.notFound("environment");
        }
    }

    /**
     * The organization of a live environment the caller may reach: NOT_FOUND for another organization's
     * environment, a deleted one, or (for an API key) another environment.
     */
    static String environmentOrganization(Db db, Caller caller, String environmentId) {
        String organization = db.queryOne("SELECT org_id FROM environments WHERE id = ? AND status <> 'deleted'",
                row -> row.getString(1), environmentId).orElse(null);
        requireMember(caller, organization, "environment");
        requireEnvironment(caller, environmentId);
        return organization;
    }

    /** The id after which a page starts, from a cursor {@code cur_<base64url id>}; empty for the first page. */
    static String after(PageRequest page) {
        if (page.cursor() == null) {
            return "";
        }
        try {
            if (!page.cursor().startsWith("cur_")) {
                throw new IllegalArgumentException();
            }
            return new String(Base64.getUrlDecoder().decode(page.cursor().substring(4)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
            throw ControlPlaneException.invalid("cursor", "format", "the cursor is not one this API returned");
        }
    }

    /** Builds a page from up to {@code limit + 1} rows ordered by id. */
    static <T> Page<T> page(List<T> rows, PageRequest page, int total, Function<T, String> id) {
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, null, total);
        }
        List<T> items = rows.subList(0, page.limit());
        String last = id.apply(items.get(items.size() - 1));
        return new Page<>(items, "cur_" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(last.getBytes(StandardCharsets.UTF_8)), total);
    }

    /** A required, trimmed text of at most {@code max} characters. */
    static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ControlPlaneException.invalid(field, "required", field + " is required");
        }
        return bounded(value.trim(), field, max);
    }

    static String bounded(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw ControlPlaneException.invalid(field, "max_length", field + " is longer than " + max + " characters");
        }
        return value;
    }

    /** A slug: lowercase letters, digits and hyphens, 1–63 characters, starting with a letter or digit. */
    static String slug(String value, String field) {
        String result = required(value, field, 63);
        if (!result.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw ControlPlaneException.invalid(field, "format", field + " must be lowercase letters, digits and hyphens");
        }
        return result;
    }

    /** A plausible e-mail address (one @, something on both sides, no spaces). */
    static String email(String value, String field) {
        String result = required(value, field, 320);
        if (!result.matches("[^@\\s]+@[^@\\s]+")) {
            throw ControlPlaneException.invalid(field, "format", field + " is not an e-mail address");
        }
        return result;
    }
}
