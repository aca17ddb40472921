package io.hatidata.wire.pg;

import io.hatidata.api.identity.Authenticator;
import io.hatidata.api.pipeline.Pipeline;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The Postgres wire protocol server as a DS component: listens on {@code bindAddress:port} (default
 * {@code 127.0.0.1:5439}) while a {@link Pipeline} and an {@link Authenticator} are available. It
 * registers no service. Clients may switch to TLS on the same port (SSLRequest); the TLS context is built
 * at activation and at every configuration change, see {@link ServerSslContexts}.
 *
 * <p>Both references are dynamic and greedy: replacing the pipeline or the control plane (which provides
 * the authenticator) swaps the field and the next message uses the new service; open connections stay.
 * A changed configuration is applied by {@link #modified} without dropping connections.
 */
@Component(configurationPid = PgServer.PID, immediate = true, service = {})
@Designate(ocd = PgServerConfig.class)
public final class PgServer {
    /** The configuration PID. */
    static final String PID = "io.hatidata.wire.pg";
    /** The PostgreSQL version clients are told, which decides the catalog queries they send. */
    static final String SERVER_VERSION = "15.0";

    // Optional: while the pipeline or the authenticator is being replaced (bundle update, configuration
    // change) the server keeps its listener and connections and answers 58000 / 57P03 meanwhile.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Pipeline pipeline;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Authenticator authenticator;

    private PgServerRuntime runtime;

    /** Binds the socket; fails (having released every thread) when it cannot. */
    @Activate
    void activate(PgServerConfig config) {
        runtime = PgServerRuntime.start(PgSettings.from(config), () -> authenticator, () -> pipeline);
    }

    @Modified
    void modified(PgServerConfig config) {
        runtime.reconfigure(PgSettings.from(config));
    }

    /** Closes every connection and awaits every thread; idempotent. */
    @Deactivate
    void deactivate() {
        PgServerRuntime current = runtime;
        if (current != null) {
            current.close();
        }
    }
}
