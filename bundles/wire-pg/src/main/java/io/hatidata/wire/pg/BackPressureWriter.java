package io.hatidata.wire.pg;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Streams a result to the client from a statement worker thread without buffering it whole: messages
 * are written as they come and flushed about every {@value #FLUSH_BYTES} bytes; when the channel's
 * outbound buffer passes its high-water mark the worker flushes and waits until the event loop reports
 * the channel writable again ({@link #writabilityChanged()}). The wait is sliced so a closed channel is
 * noticed, and a closed channel stops the statement with {@code 08006}.
 *
 * <p>One per connection; used by one statement at a time.
 */
final class BackPressureWriter {
    /** Flush after about this many bytes. */
    static final int FLUSH_BYTES = 64 * 1024;
    private static final long WAIT_SLICE_MILLIS = 100;

    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writable = lock.newCondition();
    /** Bytes written since the last flush; touched only by the statement's thread. */
    private int unflushedBytes;

    BackPressureWriter(Channel channel) {
        this.channel = channel;
    }

    /**
     * Writes one message (taking ownership of it), flushing and waiting as the channel requires.
     *
     * @throws QueryException {@code 08006} when the client is gone; the message is released
     */
    void write(ByteBuf message) throws QueryException {
        if (!channel.isActive()) {
            message.release();
            throw clientGone();
        }
        unflushedBytes += message.readableBytes();
        channel.write(message);
        if (unflushedBytes >= FLUSH_BYTES) {
            flush();
        }
        if (!channel.isWritable()) {
            flush();
            awaitWritable();
        }
    }

    /** Flushes what was written. */
    void flush() {
        unflushedBytes = 0;
        channel.flush();
    }

    /** Called on the event loop when the channel's writability changed; wakes a waiting writer. */
    void writabilityChanged() {
        lock.lock();
        try {
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitWritable() throws QueryException {
        if (channel.eventLoop().inEventLoop()) {
            // never block the I/O thread (only happens in tests that run statements inline)
            return;
        }
        lock.lock();
        try {
            while (!channel.isWritable()) {
                if (!channel.isActive()) {
                    throw clientGone();
                }
                writable.await(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new QueryException(SqlState.ADMIN_SHUTDOWN, "terminating statement: the server is stopping", ex);
        } finally {
            lock.unlock();
        }
    }

    private static QueryException clientGone() {
        return new QueryException(SqlState.CONNECTION_FAILURE, "client connection closed");
    }
}
