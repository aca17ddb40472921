package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The distribution's {@code etc/io.hatidata.wire.pg.cfg} documents exactly the configuration keys, with the
 * annotation defaults (an environment override {@code ${env:NAME:-default}} counts by its default).
 */
class PgServerConfigTest {
    private static final Path CFG = Path.of("../../etc/io.hatidata.wire.pg.cfg");
    private static final Pattern ENV_OVERRIDE = Pattern.compile("\\$\\{env:[^:}]+:-(.*)}");

    @Test
    void cfgFileEqualsTheAnnotationDefaults() throws IOException {
        Properties cfg = new Properties();
        try (Reader reader = Files.newBufferedReader(CFG, StandardCharsets.UTF_8)) {
            cfg.load(reader);
        }
        Method[] attributes = PgServerConfig.class.getDeclaredMethods();
        Set<String> keys = Arrays.stream(attributes).map(Method::getName).collect(Collectors.toSet());
        assertEquals(keys, cfg.stringPropertyNames());
        for (Method each : attributes) {
            Matcher override = ENV_OVERRIDE.matcher(cfg.getProperty(each.getName()));
            String value = override.matches() ? override.group(1) : cfg.getProperty(each.getName());
            assertEquals(String.valueOf(each.getDefaultValue()), value, each.getName());
        }
    }

    @Test
    void defaultsAreValidSettings() {
        PgServerConfig defaults = (PgServerConfig) Proxy.newProxyInstance(
                PgServerConfig.class.getClassLoader(),
                new Class<?>[] {PgServerConfig.class},
                (proxy, method, args) -> method.getDefaultValue());
        PgSettings settings = PgSettings.from(defaults);
        assertEquals(5439, settings.port());
        assertEquals("127.0.0.1", settings.bindAddress());
        assertEquals(Set.of("hatidata", "main"), settings.databaseNames());
        assertEquals(16777216, settings.maxMessageBytes());
        assertEquals(true, settings.tls().enabled());
        assertEquals(false, settings.tls().required());
        assertEquals(java.util.List.of("TLSv1.3"), settings.tls().protocols());
        assertEquals(false, settings.tls().hasPemFiles() || settings.tls().hasKeyStore(), "self-signed by default");
    }
}
