package io.hatidata.rest.v1;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * {@code GET /v1/openapi.json}: the OpenAPI 3.0 description of the implemented endpoints, kept next to
 * the resources ({@code openapi.json} in this package); a test checks that it lists every resource
 * method and nothing else.
 */
@Path("openapi.json")
public final class OpenApiResource {
    static final String DOCUMENT = "openapi.json";
    private final String document;

    OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the bundle");
            }
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new IllegalStateException("cannot read openapi.json", ex);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get() {
        return document;
    }
}
