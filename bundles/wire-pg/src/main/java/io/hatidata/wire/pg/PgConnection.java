package io.hatidata.wire.pg;

import io.hatidata.api.pipeline.Session;
import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.TransactionStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one client connection and the hand-off of its slow work.
 *
 * <p><b>Threads.</b> Messages arrive on the channel's event loop. Work that may block (authentication,
 * statements) is {@linkplain #offload offloaded} to the statement executor: reading pauses
 * ({@code autoRead} off), messages that were already decoded wait in order, and when the work is done the
 * event loop resumes with them. So at any time exactly one thread acts for the connection, and the
 * executor and event-loop hand-offs order the plain fields below.
 *
 * <p><b>Session.</b> Created on successful authentication and closed once when the connection ends — on the
 * executor, and only after work in flight has finished, so a statement never runs on a closed session.
 */
final class PgConnection {
    private static final Logger LOG = LoggerFactory.getLogger(PgConnection.class);

    /** Where the connection is in the startup sequence. */
    enum State {
        /** Waiting for the StartupMessage (SSLRequest and GSSENCRequest may come first). */
        AWAITING_STARTUP,
        /** AuthenticationCleartextPassword sent, waiting for the PasswordMessage. */
        AWAITING_PASSWORD,
        /** The password is being checked on the executor. */
        AUTHENTICATING,
        /** Authenticated: queries may come. */
        READY
    }

    private final Channel channel;
    private final PgServerContext server;
    private final Consumer<FrontendMessage> dispatcher;
    private final BackPressureWriter writer;
    private final Deque<FrontendMessage> pending = new ArrayDeque<>();
    private volatile State state = State.AWAITING_STARTUP;
    private volatile boolean closing;
    private volatile BackendKey backendKey;
    private boolean busy;
    private volatile CopyInStream copyIn;
    private boolean ignoreTillSync;
    private String userName = "";
    private String database = "";
    private Map<String, String> startupParameters = Map.of();
    private final SessionParameters sessionParameters;
    private final ExtendedQueryState extendedQuery = new ExtendedQueryState();
    private final ConnectionSession session = new ConnectionSession(extendedQuery);
    private final IdleWatch idleWatch;

    /** @param dispatcher handles one message on the event loop */
    PgConnection(Channel channel, PgServerContext server, Consumer<FrontendMessage> dispatcher) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.server = Objects.requireNonNull(server, "server");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.writer = new BackPressureWriter(channel);
        this.sessionParameters = new SessionParameters(server.settings().idleTimeouts().asParameters());
        this.idleWatch = new IdleWatch(this);
    }

    Channel channel() {
        return channel;
    }

    ByteBufAllocator alloc() {
        return channel.alloc();
    }

    PgServerContext server() {
        return server;
    }

    BackPressureWriter writer() {
        return writer;
    }

    State state() {
        return state;
    }

    String userName() {
        return userName;
    }

    String database() {
        return database;
    }

    /** The client-session parameters (SET/RESET/SHOW), see {@link SessionParameters}. */
    SessionParameters sessionParameters() {
        return sessionParameters;
    }

    /** The prepared statements and portals of the extended query protocol. */
    ExtendedQueryState extendedQuery() {
        return extendedQuery;
    }

    Map<String, String> startupParameters() {
        return startupParameters;
    }

    String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }

    /** Any thread: stops the statement this connection is running (a CancelRequest, a timeout). */
    void cancelRunningStatement() {
        Session current = session();
        if (current != null) {
            current.cancel();
        }
    }

    /** The session once authenticated, else {@code null}. */
    Session session() {
        return session.get();
    }

    /** The status for ReadyForQuery. */
    TransactionStatus transactionStatus() {
        return session.transactionStatus();
    }

    /** Extended-protocol messages are being skipped until the next Sync. */
    boolean ignoringTillSync() {
        return ignoreTillSync;
    }

    void ignoreTillSync(boolean ignore) {
        this.ignoreTillSync = ignore;
    }

    /** The StartupMessage was accepted; the password is asked for next. */
    void startupReceived(String user, String databaseName, Map<String, String> parameters) {
        this.userName = user;
        this.database = databaseName;
        this.startupParameters = Map.copyOf(parameters);
        this.sessionParameters.applyStartup(this.startupParameters);
        this.state = State.AWAITING_PASSWORD;
    }

    void authenticating() {
        this.state = State.AUTHENTICATING;
    }

    /** Authentication succeeded: keeps the session and gives the connection its backend key. */
    BackendKey authenticated(Session newSession) {
        session.set(newSession);
        BackendKey key = server.backendKeys().register(this);
        backendKey = key;
        state = State.READY;
        if (closing) {
            // the client went away while its password was checked: closed() has already run
            server.backendKeys().unregister(key);
        }
        return key;
    }

    /** Event loop: a decoded message; handled now, or after the work in flight. */
    void receive(FrontendMessage message) {
        if (closing) {
            return;
        }
        idleWatch.clientActive();
        CopyInStream copy = copyIn;
        if (copy != null && CopyInStream.isCopyMessage(message)) {
            copy.offer(message);
            return;
        }
        if (busy) {
            pending.add(message);
        } else {
            dispatcher.accept(message);
            waitingForClient();
        }
    }

    /** Event loop: a message taken from the queue (or just received) goes back to its front, handled next. */
    void handleAgainLater(FrontendMessage message) {
        pending.addFirst(message);
    }

    /** Event loop: nothing runs and nothing waits; the client's turn, so the idle timeouts count. */
    private void waitingForClient() {
        if (!busy && !closing && state == State.READY && pending.isEmpty() && copyIn == null) {
            idleWatch.idle();
        }
    }

    /** Busy: a statement runs or messages wait (for the idle watch). */
    boolean busy() {
        return busy;
    }

    boolean closing() {
        return closing;
    }

    /**
     * Event loop: runs {@code work} on the statement executor with reading paused. If the executor refuses
     * it (its queue is full), {@code whenRejected} runs here instead.
     */
    void offload(Runnable work, Runnable whenRejected) {
        offloadHandingOver(end -> {
            try {
                work.run();
            } finally {
                end.run();
            }
        }, whenRejected);
    }

    /**
     * Event loop: like {@link #offload}, but the work ends the pause itself by running the callback it is
     * given (once, from any thread) and may go on afterwards — a suspended portal keeps its worker.
     */
    void offloadHandingOver(Consumer<Runnable> work, Runnable whenRejected) {
        Runnable end = pause();
        try {
            server.executor().execute(() -> work.accept(end));
        } catch (RejectedExecutionException ex) {
            whenRejected.run();
            end.run();
        }
    }

    /**
     * Event loop: stops handling messages (they wait in order, reading pauses) until the returned callback
     * runs, once, from any thread.
     */
    Runnable pause() {
        busy = true;
        channel.config().setAutoRead(false);
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            if (ended.compareAndSet(false, true)) {
                resumeLater();
            }
        };
    }

    /**
     * Worker running a COPY FROM STDIN: from now on CopyData, CopyDone and CopyFail go to the returned
     * stream (those that already arrived first), and the socket is read again while the worker is busy.
     */
    CopyInStream startCopyIn() {
        CopyInStream stream = new CopyInStream(channel);
        channel.eventLoop().execute(() -> {
            copyIn = stream;
            int waiting = pending.size();
            for (int i = 0; i < waiting; i++) {
                FrontendMessage message = pending.poll();
                if (CopyInStream.isCopyMessage(message)) {
                    stream.offer(message);
                } else {
                    pending.add(message);
                }
            }
            channel.config().setAutoRead(true);
        });
        return stream;
    }

    /** Worker: the COPY FROM STDIN is over; messages wait for the worker again until it is done. */
    void endCopyIn(CopyInStream stream) {
        stream.deactivate();
        channel.eventLoop().execute(() -> {
            if (copyIn == stream) {
                copyIn = null;
            }
            if (busy) {
                channel.config().setAutoRead(false);
            }
        });
    }

    /** Writes a message (taking ownership); sent on the next flush. */
    void send(ByteBuf message) {
        channel.write(message);
    }

    /** Writes a message (taking ownership) and flushes. */
    void sendAndFlush(ByteBuf message) {
        channel.writeAndFlush(message);
    }

    /** Sends a FATAL ErrorResponse and closes the connection. Any thread. */
    void fatal(String sqlState, String message) {
        if (closing) {
            return;
        }
        closing = true;
        channel.writeAndFlush(BackendMessages.errorResponse(channel.alloc(), Severity.FATAL, sqlState, message))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes the connection without a message. Any thread. */
    void close() {
        closing = true;
        channel.close();
    }

    /** Event loop: the channel became inactive. */
    void closed() {
        closing = true;
        idleWatch.stop();
        pending.clear();
        BackendKey key = backendKey;
        if (key != null) {
            server.backendKeys().unregister(key);
        }
        if (!busy) {
            closeSessionLater();
        }
    }

    /** Event loop: the authentication deadline passed. */
    void authenticationTimedOut() {
        if (state == State.READY || closing) {
            return;
        }
        LOG.info("Closing connection from {}: authentication did not complete in time", remoteAddress());
        if (state == State.AWAITING_STARTUP) {
            close();
        } else {
            fatal(SqlState.QUERY_CANCELED, "canceling authentication due to timeout");
        }
    }

    private void resumeLater() {
        try {
            channel.eventLoop().execute(this::resume);
        } catch (RejectedExecutionException ex) {
            // the event loop is shutting down: the connection is over
            session.close();
        }
    }

    /** Event loop: the offloaded work is done; handles the messages that waited, then reads again. */
    private void resume() {
        busy = false;
        if (closing) {
            pending.clear();
            if (!channel.isActive()) {
                closeSessionLater();
            }
            return;
        }
        while (!busy && !closing && !pending.isEmpty()) {
            dispatcher.accept(pending.poll());
        }
        if (!busy) {
            channel.config().setAutoRead(channel.isWritable());
            waitingForClient();
        }
    }

    /** Event loop: reading follows writability, so a client that does not read cannot make us buffer. */
    void writabilityChanged() {
        writer.writabilityChanged();
        if (!busy && !closing) {
            channel.config().setAutoRead(channel.isWritable());
        }
    }

    private void closeSessionLater() {
        session.closeLater(server.executor());
    }
}
