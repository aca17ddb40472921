package io.hatidata.wire.pg;

import io.hatidata.api.identity.Authenticator;
import io.hatidata.api.pipeline.Pipeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running server: the listening socket, the Netty event-loop groups, the set of open connections and
 * the statement executor and the cursor workers. {@link #start} binds or fails having released everything; {@link #close} is
 * idempotent and returns only when every thread it started has ended.
 *
 * <p>Close order: stop accepting, close every connection (their sessions are closed on the executor),
 * shut down and await the event loops, then the cursor workers (interrupted), then the executor.
 */
final class PgServerRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgServerRuntime.class);
    private static final Duration STATEMENT_DRAIN = Duration.ofSeconds(10);

    private final AtomicBoolean closed = new AtomicBoolean();
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final StatementExecutor executor;
    private final CursorWorkers cursorWorkers;
    private final PgServerContext context;
    private final ChannelGroup channels;
    private final ServerBootstrap bootstrap;
    private volatile Channel serverChannel;

    private PgServerRuntime(PgSettings settings, Supplier<Authenticator> authenticator, Supplier<Pipeline> pipeline) {
        acceptGroup = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("hatidata-pg-accept", true), NioIoHandler.newFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(
                0, new DefaultThreadFactory("hatidata-pg-io", true), NioIoHandler.newFactory());
        executor = new StatementExecutor(settings.statementThreads(), settings.statementQueue());
        // at most as many open cursors as statement threads
        cursorWorkers = new CursorWorkers(settings.statementThreads());
        context = new PgServerContext(authenticator, pipeline, executor, cursorWorkers, settings);
        channels = new DefaultChannelGroup("hatidata-pg", ioGroup.next());
        bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new PgChannelInitializer(context, channels));
    }

    /** Creates the threads and binds; on failure releases them again and rethrows. */
    static PgServerRuntime start(PgSettings settings, Supplier<Authenticator> authenticator, Supplier<Pipeline> pipeline) {
        PgServerRuntime result = new PgServerRuntime(settings, authenticator, pipeline);
        try {
            result.context.sslContext(ServerSslContexts.create(settings.tls(), System.getenv()));
            result.serverChannel = result.bind(settings);
            return result;
        } catch (RuntimeException | Error ex) {
            result.close();
            throw ex;
        }
    }

    /** The address actually bound (port 0 in the settings means an ephemeral port). */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    PgServerContext context() {
        return context;
    }

    /**
     * Applies changed settings: limits and database names for new connections and messages, the executor's
     * size, a new TLS context (certificate files are read again), and — if the port or address changed —
     * a new listening socket. Open connections stay, encrypted or not. Nothing changes when the TLS
     * context cannot be built.
     */
    void reconfigure(PgSettings settings) {
        PgSettings previous = context.settings();
        var sslContext = ServerSslContexts.create(settings.tls(), System.getenv());
        context.settings(settings);
        context.sslContext(sslContext);
        executor.resize(settings.statementThreads(), settings.statementQueue());
        cursorWorkers.resize(settings.statementThreads());
        if (!previous.sameAddress(settings)) {
            Channel old = serverChannel;
            old.close().syncUninterruptibly();
            try {
                serverChannel = bind(settings);
            } catch (RuntimeException ex) {
                LOG.error("Cannot listen on {}:{}; listening on {}:{} again",
                        settings.bindAddress(), settings.port(), previous.bindAddress(), previous.port(), ex);
                serverChannel = bind(previous);
                context.settings(settings.withAddressOf(previous));
                throw ex;
            }
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Channel listening = serverChannel;
        if (listening != null) {
            listening.close().awaitUninterruptibly();
        }
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        var acceptDone = acceptGroup.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS);
        var ioDone = ioGroup.shutdownGracefully(100, 5000, TimeUnit.MILLISECONDS);
        boolean loopsDone = acceptDone.awaitUninterruptibly(10, TimeUnit.SECONDS)
                & ioDone.awaitUninterruptibly(10, TimeUnit.SECONDS);
        // open cursors end first (interrupted: 57P01), so the sessions closing on the executor need not wait
        boolean cursorsDone = cursorWorkers.close(STATEMENT_DRAIN);
        boolean statementsDone = executor.close(STATEMENT_DRAIN);
        if (!loopsDone || !cursorsDone || !statementsDone) {
            LOG.warn("Postgres wire server stopped, but some threads did not end in time");
        }
    }

    private Channel bind(PgSettings settings) {
        InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), settings.port());
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cannot listen on " + address + ": " + bound.cause(), bound.cause());
        }
        LOG.info("Postgres wire protocol listening on {}", bound.channel().localAddress());
        return bound.channel();
    }
}
