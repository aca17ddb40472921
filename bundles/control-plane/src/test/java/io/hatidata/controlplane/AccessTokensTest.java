package io.hatidata.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTokensTest {
    private static final AccessTokens.Claims CLAIMS =
            new AccessTokens.Claims("usr_1", "org_1", "owner", "env_1", "development", "sess_1", null);

    @TempDir
    Path dir;

    @Test
    void issuesTokensItVerifies() throws Exception {
        AccessTokens tokens = new AccessTokens(dir, "https://issuer.test", 3600, Clock.systemUTC());
        String token = tokens.issue(CLAIMS);
        assertTrue(AccessTokens.looksLikeToken(token));
        AccessTokens.Claims claims = tokens.verify(token).orElseThrow();
        assertEquals("usr_1", claims.userId());
        assertEquals("org_1", claims.organizationId());
        assertEquals("env_1", claims.environmentId());
        assertEquals("development", claims.environmentName());
        assertEquals("sess_1", claims.sessionId());
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"iss\":\"https://issuer.test\""), payload);
        assertTrue(payload.contains("\"sub\":\"usr_1\""), payload);
    }

    @Test
    void refusesTamperedExpiredForeignAndAlgorithmSwappedTokens() throws Exception {
        AccessTokens tokens = new AccessTokens(dir.resolve("a"), "https://issuer.test", 3600, Clock.systemUTC());
        String token = tokens.issue(CLAIMS);
        String[] parts = token.split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"usr_2\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(tokens.verify(parts[0] + "." + otherPayload + "." + parts[2]).isEmpty());
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(tokens.verify(none + "." + parts[1] + ".").isEmpty());
        assertTrue(tokens.verify("eyJ.x.y").isEmpty());

        AccessTokens other = new AccessTokens(dir.resolve("b"), "https://issuer.test", 3600, Clock.systemUTC());
        assertTrue(other.verify(token).isEmpty(), "another key pair does not accept it");

        Clock later = Clock.fixed(Instant.now().plusSeconds(3601), ZoneOffset.UTC);
        AccessTokens afterAnHour = new AccessTokens(dir.resolve("a"), "https://issuer.test", 3600, later);
        assertTrue(afterAnHour.verify(token).isEmpty(), "expired");
        AccessTokens otherIssuer = new AccessTokens(dir.resolve("a"), "https://elsewhere.test", 3600, Clock.systemUTC());
        assertTrue(otherIssuer.verify(token).isEmpty());
    }

    @Test
    void keepsItsKeyOwnerOnlyAndReusesIt() throws Exception {
        AccessTokens first = new AccessTokens(dir, "i", 3600, Clock.systemUTC());
        Path file = dir.resolve(AccessTokens.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String token = first.issue(CLAIMS);
        AccessTokens second = new AccessTokens(dir, "i", 3600, Clock.systemUTC());
        assertTrue(second.verify(token).isPresent());
        assertEquals(first.jsonWebKeySet(), second.jsonWebKeySet());
        String jwks = first.jsonWebKeySet();
        assertTrue(jwks.startsWith("{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\""), jwks);
        assertTrue(jwks.contains("\"e\":\"AQAB\""), jwks);
    }

    @Test
    void jsonTextRoundTrips() {
        java.util.Map<String, Object> members = new java.util.LinkedHashMap<>();
        members.put("a", "x\"y\\z\n");
        members.put("n", 42L);
        assertEquals(members, JsonText.read(JsonText.write(members)));
    }
}
