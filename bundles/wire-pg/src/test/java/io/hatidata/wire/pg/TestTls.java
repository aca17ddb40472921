package io.hatidata.wire.pg;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** TLS fixtures: settings with a self-signed certificate in a temporary folder, and a trust-all client. */
final class TestTls {
    private TestTls() {}

    /** TLS 1.3 with the self-signed certificate kept under {@code dataDir}. */
    static TlsSettings selfSigned(Path dataDir, boolean required) {
        return new TlsSettings(true, required, List.of("TLSv1.3"), null, null, null, "PKCS12", dataDir);
    }

    /** Server settings on an ephemeral loopback port with {@code tls}. */
    static PgSettings serverSettings(TlsSettings tls) {
        return new PgSettings(0, "127.0.0.1", Set.of("hatidata", "main"), 8, 10000, 1 << 20, 4, 16, 60, tls);
    }

    /** A client context that accepts any server certificate (tests only). */
    static SSLContext trustAllClient() throws GeneralSecurityException {
        SSLContext result = SSLContext.getInstance("TLS");
        result.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
        return result;
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
