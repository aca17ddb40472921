package io.hatidata.wire.pg;

import io.netty.channel.Channel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-over of a COPY FROM STDIN's messages from the event loop to the statement's worker. Reading
 * from the socket pauses while more than {@value #HIGH_WATER_BYTES} bytes wait and resumes below
 * {@value #LOW_WATER_BYTES}, so a client that sends faster than rows are inserted cannot grow the
 * server's memory.
 */
final class CopyInStream {
    static final long HIGH_WATER_BYTES = 1024 * 1024;
    static final long LOW_WATER_BYTES = 256 * 1024;

    private final Channel channel;
    private final LinkedBlockingQueue<FrontendMessage> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private volatile boolean paused;
    private volatile boolean active = true;

    CopyInStream(Channel channel) {
        this.channel = channel;
    }

    static boolean isCopyMessage(FrontendMessage message) {
        return message instanceof FrontendMessage.CopyData || message instanceof FrontendMessage.CopyDone
                || message instanceof FrontendMessage.CopyFail;
    }

    /** Event loop: one more message from the client. */
    void offer(FrontendMessage message) {
        queue.add(message);
        if (queuedBytes.addAndGet(size(message)) > HIGH_WATER_BYTES && !paused) {
            paused = true;
            channel.config().setAutoRead(false);
        }
    }

    /** Worker: the next message, or null when none came within the timeout. */
    FrontendMessage poll(long timeoutMillis) throws InterruptedException {
        FrontendMessage message = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (message != null && queuedBytes.addAndGet(-size(message)) < LOW_WATER_BYTES && paused) {
            paused = false;
            channel.eventLoop().execute(() -> {
                if (active) {
                    channel.config().setAutoRead(true);
                }
            });
        }
        return message;
    }

    /** The copy is over: later messages are not this stream's. */
    void deactivate() {
        active = false;
        queue.clear();
    }

    private static long size(FrontendMessage message) {
        return message instanceof FrontendMessage.CopyData data ? data.data().length + 5 : 5;
    }
}
