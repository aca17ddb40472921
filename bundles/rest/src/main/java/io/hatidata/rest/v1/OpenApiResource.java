package io.hatidata.rest.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/**
 * {@code GET /v1/openapi.json}: the OpenAPI 3.0 description of the implemented endpoints, kept next to
 * the resources: {@code openapi.json} in this package (info, security, the control plane's paths and
 * the shared components) merged with one fragment per further area ({@link #FRAGMENTS}, each
 * {@code {"paths":{…},"components":{…}}}). A fragment may add paths and components but not redefine
 * one; a test checks that the merged document lists every resource method and nothing else.
 */
@Path("openapi.json")
public final class OpenApiResource {
    static final String DOCUMENT = "openapi.json";
    /** The fragments merged into {@link #DOCUMENT}, in this order. */
    static final List<String> FRAGMENTS = List.of("openapi-webhooks.json", "openapi-audit.json", "openapi-billing.json",
            "openapi-provisioning.json", "openapi-policies.json");
    private final String document;

    OpenApiResource() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode merged = (ObjectNode) read(json, DOCUMENT);
        for (String fragment : FRAGMENTS) {
            merge(merged, read(json, fragment), fragment);
        }
        try {
            document = json.writeValueAsString(merged);
        } catch (IOException ex) {
            throw new IllegalStateException("cannot write the OpenAPI document", ex);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get() {
        return document;
    }

    private static JsonNode read(ObjectMapper json, String name) {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the bundle");
            }
            return json.readTree(in);
        } catch (IOException ex) {
            throw new IllegalStateException("cannot read " + name, ex);
        }
    }

    /** Adds the fragment's paths and components (one level below {@code components}) to the document. */
    private static void merge(ObjectNode document, JsonNode fragment, String name) {
        addAll((ObjectNode) document.get("paths"), fragment.path("paths"), name);
        Iterator<Map.Entry<String, JsonNode>> kinds = fragment.path("components").fields();
        while (kinds.hasNext()) {
            Map.Entry<String, JsonNode> kind = kinds.next();
            ObjectNode components = (ObjectNode) document.get("components");
            ObjectNode target = components.has(kind.getKey())
                    ? (ObjectNode) components.get(kind.getKey()) : components.putObject(kind.getKey());
            addAll(target, kind.getValue(), name);
        }
    }

    private static void addAll(ObjectNode target, JsonNode source, String name) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (target.has(field.getKey())) {
                throw new IllegalStateException(name + " redefines " + field.getKey());
            }
            target.set(field.getKey(), field.getValue());
        }
    }
}
