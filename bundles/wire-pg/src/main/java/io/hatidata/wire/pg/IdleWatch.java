package io.hatidata.wire.pg;

import io.hatidata.api.query.SqlState;
import io.hatidata.api.query.TransactionStatus;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's {@code idle_session_timeout} (FATAL 57P05) and {@code idle_in_transaction_session_timeout}
 * (FATAL 25P03) for one connection. Runs on the connection's event loop only. The clock starts when the
 * server has answered everything and waits for the client; any message stops it. One check is scheduled
 * at a time and re-armed for the rest of the time when the client was active meanwhile, so a busy
 * connection does not schedule a task per message.
 */
final class IdleWatch {
    private static final Logger LOG = LoggerFactory.getLogger(IdleWatch.class);

    private final PgConnection connection;
    private boolean idle;
    private long idleSince;
    private ScheduledFuture<?> check;

    IdleWatch(PgConnection connection) {
        this.connection = connection;
    }

    /** A message arrived. */
    void clientActive() {
        idle = false;
    }

    /** The server waits for the client from now on. */
    void idle() {
        long timeout = timeoutMillis();
        idle = true;
        idleSince = now();
        if (timeout <= 0) {
            return;
        }
        if (check != null && check.getDelay(TimeUnit.MILLISECONDS) > timeout) {
            check.cancel(false);
            check = null;
        }
        if (check == null) {
            schedule(timeout);
        }
    }

    /** The connection is over. */
    void stop() {
        idle = false;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void schedule(long millis) {
        check = connection.channel().eventLoop().schedule(this::check, millis, TimeUnit.MILLISECONDS);
    }

    private void check() {
        check = null;
        if (!idle || connection.busy() || connection.closing()) {
            return;
        }
        long timeout = timeoutMillis();
        if (timeout <= 0) {
            return;
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(now() - idleSince);
        if (elapsed < timeout) {
            schedule(timeout - elapsed);
            return;
        }
        boolean inTransaction = connection.transactionStatus() != TransactionStatus.IDLE;
        LOG.info("Closing connection from {}: idle {}for {} ms", connection.remoteAddress(),
                inTransaction ? "in transaction " : "", elapsed);
        if (inTransaction) {
            connection.fatal(SqlState.IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
                    "terminating connection due to idle-in-transaction timeout");
        } else {
            connection.fatal(SqlState.IDLE_SESSION_TIMEOUT, "terminating connection due to idle-session timeout");
        }
    }

    /** The event loop's clock (which tests can advance). */
    private long now() {
        return connection.channel().eventLoop().ticker().nanoTime();
    }

    private long timeoutMillis() {
        String parameter = connection.transactionStatus() == TransactionStatus.IDLE
                ? IdleTimeouts.SESSION_PARAMETER : IdleTimeouts.IN_TRANSACTION_PARAMETER;
        return StatementTimer.millis(connection.sessionParameters().get(parameter));
    }
}
