package io.hatidata.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hatidata.api.controlplane.ControlPlaneException;
import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlPolicyTest {
    private final UrlPolicy strict = new UrlPolicy(false);
    private final UrlPolicy lenient = new UrlPolicy(true);

    private static String constraint(Runnable check) {
        return assertThrows(ControlPlaneException.class, check::run).details().get("constraint");
    }

    @Test
    void httpsAnywherePublicAndHttpOnlyOnLocalhost() {
        assertEquals("https://hooks.example.com/in", strict.validate("https://hooks.example.com/in").toString());
        strict.validate("http://localhost:9000/hook");
        strict.validate("http://127.0.0.1:9000/hook");
        strict.validate("http://[::1]:9000/hook");
        assertEquals("https_required", constraint(() -> strict.validate("http://hooks.example.com/in")));
        assertEquals("https_required", constraint(() -> lenient.validate("http://10.0.0.5/in")));
    }

    @Test
    void malformedUrlsAndCredentialsAreRefused() {
        assertEquals("required", constraint(() -> strict.validate(" ")));
        assertEquals("format", constraint(() -> strict.validate("ftp://example.com/x")));
        assertEquals("format", constraint(() -> strict.validate("/relative")));
        assertEquals("format", constraint(() -> strict.validate("https://user:pw@example.com/")));
        assertEquals("format", constraint(() -> strict.validate("https://exa mple.com/")));
        assertEquals("max_length", constraint(() -> strict.validate("https://example.com/" + "a".repeat(2100))));
    }

    @Test
    void privateAndLinkLocalLiteralsAreRefusedUnlessAllowed() {
        for (String each : new String[] {"https://10.1.2.3/", "https://172.16.0.1/", "https://192.168.1.1/",
                "https://169.254.169.254/latest", "https://100.64.0.1/", "https://[fd00::1]/", "https://[fe80::1]/"}) {
            assertEquals("private_target", constraint(() -> strict.validate(each)), each);
            lenient.validate(each);
        }
        assertEquals("private_target", constraint(() -> lenient.validate("https://0.0.0.0/")));
    }

    @Test
    void resolvedAddressesAreCheckedBeforeEachAttempt() throws Exception {
        assertNull(strict.checkResolved(URI.create("http://localhost:1/")));
        assertNull(strict.checkResolved(URI.create("https://8.8.8.8/")));
        assertEquals("the host resolves to a private address", strict.checkResolved(URI.create("https://10.0.0.1/")));
        assertEquals("a loopback address", strict.refusal(InetAddress.getByName("127.0.0.2"), false));
        assertNull(lenient.refusal(InetAddress.getByName("127.0.0.2"), false));
        assertEquals("a link-local address", strict.refusal(InetAddress.getByName("169.254.1.1"), false));
        assertNull(strict.refusal(InetAddress.getByName("93.184.216.34"), false));
    }
}
