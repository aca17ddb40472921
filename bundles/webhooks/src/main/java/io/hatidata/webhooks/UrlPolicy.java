package io.hatidata.webhooks;

import io.hatidata.api.controlplane.ControlPlaneException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Which targets a webhook may have (SPEC §2.12.3): {@code https}, or plain {@code http} only for
 * {@code localhost}, {@code 127.0.0.1} and {@code [::1]}; no user information in the URL; and, unless
 * {@code allowPrivateTargets}, no address in a private, link-local, carrier-grade NAT, unique-local,
 * multicast or unspecified range, and no name other than the localhost names that resolves to loopback.
 * {@link #validate} checks the text when a webhook is saved; {@link #checkResolved} checks every address
 * the host resolves to right before each attempt, so a name that later points inside is refused then.
 */
final class UrlPolicy {
    private static final Set<String> LOCALHOST = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    static final int MAX_LENGTH = 2048;

    private final boolean allowPrivateTargets;

    UrlPolicy(boolean allowPrivateTargets) {
        this.allowPrivateTargets = allowPrivateTargets;
    }

    /** The URL when it may be a webhook's target; otherwise a validation error on {@code url}. */
    URI validate(String text) {
        if (text == null || text.isBlank()) {
            throw ControlPlaneException.invalid("url", "required", "url is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw ControlPlaneException.invalid("url", "max_length", "url is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException ex) {
            throw ControlPlaneException.invalid("url", "format", "url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host == null || host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw ControlPlaneException.invalid("url", "format", "url must be an absolute http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ControlPlaneException.invalid("url", "format", "url must not contain credentials");
        }
        if (scheme.equals("http") && !isLocalhostName(host)) {
            throw ControlPlaneException.invalid("url", "https_required", "url must use https (http only for localhost)");
        }
        if (isLiteralAddress(host) && !isLocalhostName(host)) {
            String refusal = refusal(literal(host), false);
            if (refusal != null) {
                throw ControlPlaneException.invalid("url", "private_target", "url points to " + refusal);
            }
        }
        return uri;
    }

    /** Resolves the host; returns why the target is refused, or {@code null} when every address is allowed. */
    String checkResolved(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException ex) {
            return "the host name does not resolve";
        }
        boolean localhost = isLocalhostName(host);
        for (InetAddress each : addresses) {
            String refusal = refusal(each, localhost);
            if (refusal != null) {
                return "the host resolves to " + refusal;
            }
        }
        return null;
    }

    /** Why this address may not be a target, or {@code null}. */
    String refusal(InetAddress address, boolean localhostName) {
        if (address.isLoopbackAddress()) {
            return localhostName || allowPrivateTargets ? null : "a loopback address";
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return "an unspecified or multicast address";
        }
        if (allowPrivateTargets) {
            return null;
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isSiteLocalAddress() || isCarrierGradeNat(address) || isUniqueLocal(address)) {
            return "a private address";
        }
        return null;
    }

    static boolean isLocalhostName(String host) {
        return LOCALHOST.contains(host.toLowerCase(Locale.ROOT));
    }

    private static boolean isLiteralAddress(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+");
    }

    private static InetAddress literal(String host) {
        try {
            // a literal never causes a lookup
            return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException ex) {
            throw ControlPlaneException.invalid("url", "format", "url has an invalid address");
        }
    }

    private static boolean isCarrierGradeNat(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet4Address && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    }

    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }
}
