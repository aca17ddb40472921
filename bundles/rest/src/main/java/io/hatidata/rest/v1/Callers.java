package io.hatidata.rest.v1;

import io.hatidata.api.controlplane.Caller;
import javax.ws.rs.container.ContainerRequestContext;

/** The authenticated caller of a request (the authentication filter put it there). */
final class Callers {
    private Callers() {}

    static Caller of(ContainerRequestContext request) {
        Object caller = request.getProperty(AuthenticationFilter.CALLER);
        if (!(caller instanceof Caller result)) {
            throw new IllegalStateException("no authenticated caller on a protected resource");
        }
        return result;
    }
}
