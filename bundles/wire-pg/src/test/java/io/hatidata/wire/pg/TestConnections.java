package io.hatidata.wire.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Builds connections on an {@link EmbeddedChannel} with the real {@link PgChannelInitializer} (decoder and
 * handler), fake services and a statement executor that runs inline: no sockets, no threads.
 */
final class TestConnections {
    final FakeAuthenticator authenticator = new FakeAuthenticator();
    final FakePipeline pipeline = new FakePipeline();
    final PgServerContext context;

    TestConnections() {
        this(Runnable::run, settings(512));
    }

    TestConnections(Executor executor, PgSettings settings) {
        context = new PgServerContext(() -> authenticator, () -> pipeline, executor, executor, settings);
    }

    static PgSettings settings(int maxConnections) {
        return new PgSettings(0, "127.0.0.1", Set.of("hatidata", "main"), maxConnections, 10000, 1 << 20, 4, 4, 60);
    }

    /** A new connection, active, nothing sent yet. */
    EmbeddedChannel open() {
        return new EmbeddedChannel(new PgChannelInitializer(
                context, new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE)));
    }

    /** A new connection that has completed startup and authentication; its output is drained. */
    EmbeddedChannel openAuthenticated() {
        EmbeddedChannel result = open();
        result.writeInbound(ClientMessages.startup("user", "agent", "database", "hatidata"));
        result.writeInbound(ClientMessages.password(FakeAuthenticator.GOOD_KEY));
        String types = BackendMessageReader.types(BackendMessageReader.drain(result));
        assertEquals('Z', types.charAt(types.length() - 1), "authentication ends with ReadyForQuery: " + types);
        return result;
    }
}
