package io.hatidata.wire.pg;

import io.hatidata.api.query.SqlState;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-connection dispatcher: takes the {@link FrontendMessage}s of {@link PgFrameDecoder} and hands
 * each to the one class that handles its message type. It runs on the event loop and does nothing slow
 * itself: handlers that must block go through {@link PgConnection#offload}.
 *
 * <pre>
 *   SSLRequest, GSSENCRequest  → EncryptionRequestHandler   ('S' and TLS, or 'N')
 *   CancelRequest              → CancelRequestHandler       (close)
 *   StartupMessage             → StartupMessageHandler      (AuthenticationCleartextPassword)
 *   Terminate                  → close
 *   PasswordMessage            → PasswordMessageHandler     (only while the password is asked for)
 *   -- only once authenticated --
 *   Query                      → QueryHandler
 *   Parse                      → ParseHandler               (ParseComplete)
 *   Bind                       → BindHandler                (BindComplete)
 *   Describe                   → DescribeHandler            (ParameterDescription, RowDescription/NoData)
 *   Execute                    → ExecuteHandler             (DataRow* CommandComplete/PortalSuspended)
 *   Close                      → CloseHandler               (CloseComplete)
 *   Sync                       → SyncHandler                (ReadyForQuery)
 *   Flush                      → flush
 *   CopyData, CopyDone, CopyFail → CopyInStream of a running COPY FROM STDIN, else ignored
 *   anything else              → FATAL 08P01
 * </pre>
 *
 * <p>It also owns the connection's lifetime: counts it, arms the authentication deadline, tells the
 * writer about writability changes, and answers a {@link PgProtocolException} from the decoder with a
 * FATAL ErrorResponse.
 */
final class PgConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PgConnectionHandler.class);

    private final PgServerContext server;
    private PgConnection connection;
    private ScheduledFuture<?> authenticationDeadline;

    PgConnectionHandler(PgServerContext server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        connection = new PgConnection(ctx.channel(), server, this::dispatch);
        server.connectionOpened();
        int timeoutSeconds = server.settings().authenticationTimeoutSeconds();
        if (timeoutSeconds > 0) {
            authenticationDeadline =
                    ctx.executor().schedule(connection::authenticationTimedOut, timeoutSeconds, TimeUnit.SECONDS);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FrontendMessage message && connection != null) {
            connection.receive(message);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (connection != null) {
            connection.writabilityChanged();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (connection != null) {
            if (authenticationDeadline != null) {
                authenticationDeadline.cancel(false);
            }
            connection.closed();
            server.connectionClosed();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                LOG.debug("TLS established with {}: {}", ctx.channel().remoteAddress(),
                        EncryptionRequestHandler.describe(ctx.channel()));
            } else {
                LOG.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), handshake.cause().toString());
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof PgProtocolException violation && connection != null) {
            LOG.debug("Protocol violation from {}: {}", ctx.channel().remoteAddress(), violation.getMessage());
            connection.fatal(violation.sqlState(), violation.getMessage());
        } else {
            LOG.debug("Closing connection from {} after an error", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    private void dispatch(FrontendMessage message) {
        if (message instanceof FrontendMessage.SslRequest || message instanceof FrontendMessage.GssEncRequest) {
            EncryptionRequestHandler.handle(connection, message);
        } else if (message instanceof FrontendMessage.CancelRequest cancel) {
            CancelRequestHandler.handle(connection, cancel);
        } else if (message instanceof FrontendMessage.StartupMessage startup) {
            StartupMessageHandler.handle(connection, startup);
        } else if (message instanceof FrontendMessage.Terminate) {
            connection.close();
        } else if (message instanceof FrontendMessage.PasswordMessage password
                && connection.state() == PgConnection.State.AWAITING_PASSWORD) {
            PasswordMessageHandler.handle(connection, password);
        } else if (connection.state() != PgConnection.State.READY) {
            connection.fatal(SqlState.PROTOCOL_VIOLATION, "expected password response, got message type "
                    + typeOf(message));
        } else {
            dispatchReady(message);
        }
    }

    /** Messages of an authenticated connection. */
    private void dispatchReady(FrontendMessage message) {
        if (DescribeHandler.settleOwed(connection, message)) {
            return;
        }
        if (message instanceof FrontendMessage.Query query) {
            QueryHandler.handle(connection, query);
        } else if (message instanceof FrontendMessage.Parse parse) {
            ParseHandler.handle(connection, parse);
        } else if (message instanceof FrontendMessage.Bind bind) {
            BindHandler.handle(connection, bind);
        } else if (message instanceof FrontendMessage.Describe describe) {
            DescribeHandler.handle(connection, describe);
        } else if (message instanceof FrontendMessage.Execute execute) {
            ExecuteHandler.handle(connection, execute);
        } else if (message instanceof FrontendMessage.Close close) {
            CloseHandler.handle(connection, close);
        } else if (message instanceof FrontendMessage.Sync) {
            SyncHandler.handle(connection);
        } else if (message instanceof FrontendMessage.Flush) {
            connection.channel().flush();
        } else if (CopyInStream.isCopyMessage(message)) {
            // as PostgreSQL: the rest of a COPY stream whose statement already failed is ignored
            LOG.debug("Ignoring {} outside COPY FROM STDIN", typeOf(message));
        } else {
            connection.fatal(SqlState.PROTOCOL_VIOLATION, "invalid frontend message type " + typeOf(message));
        }
    }

    /** The type byte as PostgreSQL's messages show it. */
    private static String typeOf(FrontendMessage message) {
        if (message instanceof FrontendMessage.Query) {
            return "Q";
        } else if (message instanceof FrontendMessage.PasswordMessage) {
            return "p";
        } else if (message instanceof FrontendMessage.Sync) {
            return "S";
        } else if (message instanceof FrontendMessage.Flush) {
            return "H";
        } else if (message instanceof FrontendMessage.Terminate) {
            return "X";
        } else if (message instanceof FrontendMessage.Parse) {
            return "P";
        } else if (message instanceof FrontendMessage.Bind) {
            return "B";
        } else if (message instanceof FrontendMessage.Describe) {
            return "D";
        } else if (message instanceof FrontendMessage.Execute) {
            return "E";
        } else if (message instanceof FrontendMessage.Close) {
            return "C";
        } else if (message instanceof FrontendMessage.CopyData) {
            return "d";
        } else if (message instanceof FrontendMessage.CopyDone) {
            return "c";
        } else if (message instanceof FrontendMessage.CopyFail) {
            return "f";
        } else if (message instanceof FrontendMessage.UnknownMessage unknown) {
            return String.valueOf(unknown.type());
        }
        return message.getClass().getSimpleName();
    }
}
