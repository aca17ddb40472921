package io.hatidata.rest.v1;

import java.security.SecureRandom;
import java.util.regex.Pattern;
import javax.annotation.Priority;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.PreMatching;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is a sane token (1–64 of
 * letters, digits, {@code _ - .}), else a new {@code req_…}. Every response carries it back in
 * {@code X-Request-Id}, and every error envelope in {@code request_id}.
 */
@PreMatching
@Priority(100)
final class RequestIds implements ContainerRequestFilter, ContainerResponseFilter {
    static final String HEADER = "X-Request-Id";
    static final String PROPERTY = "hatidata.requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private final SecureRandom random = new SecureRandom();

    @Override
    public void filter(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        request.setProperty(PROPERTY, given != null && SANE.matcher(given).matches() ? given : newId());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String id = of(request);
        response.getHeaders().putSingle(HEADER, id);
        if (response.getEntity() instanceof java.util.Map<?, ?> body && body.get("error") instanceof java.util.Map<?, ?> error
                && error.containsKey("request_id") && error.get("request_id") == null) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> writable = (java.util.Map<String, Object>) error;
            writable.put("request_id", id);
        }
    }

    /** The request's id (a new one when the filter did not run, for example for a request Jersey refused early). */
    static String of(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        if (id == null) {
            id = "req_" + java.util.UUID.randomUUID().toString().replace("-", "");
            request.setProperty(PROPERTY, id);
        }
        return id.toString();
    }

    private String newId() {
        StringBuilder result = new StringBuilder("req_");
        for (int i = 0; i < 20; i++) {
            result.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return result.toString();
    }
}
