package io.hatidata.itests;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A small JSON-over-HTTP client for the REST API of the distribution under test (runs in the container). */
final class RestClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private RestClient() {}

    /** One answer: status, parsed body (an empty object when there is none) and the raw text. */
    record Reply(int status, JsonNode body, String text) {
        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    static Reply call(String method, String path, Map<String, String> headers, String json) throws IOException {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + HatiDataTestSupport.httpPort() + path)
                .openConnection();
        http.setRequestMethod(method);
        http.setConnectTimeout(10_000);
        http.setReadTimeout(60_000);
        headers.forEach(http::setRequestProperty);
        if (json != null) {
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "application/json");
            http.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
        }
        int status = http.getResponseCode();
        try (InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream()) {
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Reply(status, text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text), text);
        } finally {
            http.disconnect();
        }
    }

    /** Logs the bootstrap owner in (into {@code organization} when given); the login answer. */
    static JsonNode login(String organization) throws IOException {
        String password = Files.readString(Path.of(System.getProperty("karaf.data"), "hatidata", "bootstrap-password"),
                StandardCharsets.UTF_8).trim();
        StringBuilder body = new StringBuilder("{\"email\":\"admin@localhost\",\"password\":")
                .append(JSON.writeValueAsString(password));
        if (organization != null) {
            body.append(",\"org_id\":").append(JSON.writeValueAsString(organization));
        }
        Reply reply = call("POST", "/v1/auth/login", Map.of(), body.append('}').toString());
        assertEquals(reply.toString(), 200, reply.status);
        return reply.body;
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static Map<String, String> apiKey(String key) {
        return Map.of("X-API-Key", key);
    }
}
