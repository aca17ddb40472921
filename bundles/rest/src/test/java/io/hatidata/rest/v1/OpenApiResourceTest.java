package io.hatidata.rest.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;

/** The OpenAPI document lists exactly the implemented endpoints. */
class OpenApiResourceTest {
    private static final List<Class<?>> RESOURCES = List.of(AuthResource.class, OrganizationResource.class,
            EnvironmentResource.class, ApiKeyResource.class, AgentKeyResource.class, UserResource.class, QueryResource.class,
            TranspileResource.class, OpenApiResource.class, WebhookResource.class,
            AuditResource.class,
            BillingResource.class, JitAccessResource.class, ShadowResource.class,
            PolicyResource.class, AgentResource.class);

    @Test
    void documentsEveryResourceMethodAndNothingElse() throws Exception {
        Set<String> implemented = new TreeSet<>();
        for (Class<?> each : RESOURCES) {
            collect(Resource.from(each), "", implemented);
        }
        JsonNode document = ApiHarness.JSON.readTree(new OpenApiResource().get());
        Set<String> documented = new TreeSet<>();
        Iterator<String> paths = document.get("paths").fieldNames();
        while (paths.hasNext()) {
            String path = paths.next();
            Iterator<String> methods = document.get("paths").get(path).fieldNames();
            while (methods.hasNext()) {
                String method = methods.next();
                if (!"parameters".equals(method)) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        assertEquals(implemented, documented);
        assertEquals("3.0.3", document.get("openapi").asText());
        assertTrue(document.at("/components/schemas/Error/properties/error/required").toString().contains("request_id"));
    }

    @Test
    void isServedWithoutCredentials() throws Exception {
        ApiHarness.Answer answer = new ApiHarness(true).call("GET", "openapi.json", null);
        assertEquals(200, answer.status());
        assertEquals("HatiData API", ((java.util.Map<?, ?>) answer.json().get("info")).get("title"));
    }

    private static void collect(Resource resource, String parent, Set<String> into) {
        String path = join(parent, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            into.add(method.getHttpMethod() + " " + path);
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, into);
        }
    }

    private static String join(String parent, String path) {
        String result = parent + "/" + (path == null ? "" : path.replaceAll("^/+|/+$", ""));
        return result.replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }

    @Test
    void theDocumentIsValidOpenApi() throws Exception {
        io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);
        io.swagger.v3.parser.core.models.SwaggerParseResult result =
                new io.swagger.v3.parser.OpenAPIV3Parser().readContents(new OpenApiResource().get(), null, options);
        assertEquals(java.util.List.of(), result.getMessages());
        assertEquals("3.0.3", result.getOpenAPI().getOpenapi());
    }

    @Test
    void theValidatorRejectsABrokenDocument() {
        io.swagger.v3.parser.core.models.SwaggerParseResult result = new io.swagger.v3.parser.OpenAPIV3Parser()
                .readContents("{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"x\"},\"paths\":{\"/a\":{\"get\":{}}}}",
                        null, new io.swagger.v3.parser.core.models.ParseOptions());
        assertTrue(!result.getMessages().isEmpty(), "a document without info.version or responses is reported");
    }
}
