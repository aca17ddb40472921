package io.hatidata.pipeline;

import io.hatidata.api.query.QueryException;
import io.hatidata.api.query.SqlState;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A counting semaphore whose waiters leave in priority order: higher rank first, first come first served
 * within a rank. A released permit is handed straight to the head waiter, so a newcomer can never
 * overtake the queue. At most {@code maxQueued} statements wait; a wait is bounded and can be cancelled.
 *
 * <p>Thread-safe; every state change happens under one lock.
 */
final class PriorityGate {
    private static final Comparator<Waiter> QUEUE_ORDER =
            Comparator.comparingInt((Waiter waiter) -> -waiter.rank).thenComparingLong(waiter -> waiter.arrival);

    private final String name;
    private final int permits;
    private final int maxQueued;
    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Waiter> queue = new PriorityQueue<>(QUEUE_ORDER);
    private int inUse;
    private long arrivals;

    /**
     * @param name what the gate guards, for client messages ("executing queries")
     * @param permits how many statements may hold the gate at once, at least 1
     * @param maxQueued how many may wait, at least 0
     */
    PriorityGate(String name, int permits, int maxQueued) {
        if (permits < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("permits must be >= 1 and maxQueued >= 0");
        }
        this.name = name;
        this.permits = permits;
        this.maxQueued = maxQueued;
    }

    /**
     * Takes a permit now if one is free and nobody waits, else joins the queue. The caller then calls
     * {@link Waiter#await} (a no-op for an admitted waiter) and, once admitted, {@link #release} exactly once.
     *
     * @param rank higher leaves the queue first
     * @throws QueryException {@code 53300} when the queue is full
     */
    Waiter enter(int rank) throws QueryException {
        lock.lock();
        try {
            Waiter waiter = new Waiter(rank, arrivals++);
            if (inUse < permits && queue.isEmpty()) {
                inUse++;
                waiter.admitted = true;
                return waiter;
            }
            if (queue.size() >= maxQueued) {
                throw new QueryException(SqlState.TOO_MANY_CONNECTIONS, "too many queries: " + permits + " " + name
                        + " and " + maxQueued + " waiting, the limit; retry later");
            }
            queue.add(waiter);
            return waiter;
        } finally {
            lock.unlock();
        }
    }

    /** Gives a permit back: to the head waiter if there is one, else to the pool. */
    void release() {
        lock.lock();
        try {
            Waiter next = queue.poll();
            if (next != null) {
                next.admitted = true;
                next.changed.signal();
            } else if (inUse > 0) {
                inUse--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Permits held now. */
    int inUse() {
        lock.lock();
        try {
            return inUse;
        } finally {
            lock.unlock();
        }
    }

    /** Statements waiting now. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** One statement's place at the gate. */
    final class Waiter {
        private final int rank;
        private final long arrival;
        private final Condition changed = lock.newCondition();
        private boolean admitted;
        private boolean cancelled;

        private Waiter(int rank, long arrival) {
            this.rank = rank;
            this.arrival = arrival;
        }

        /**
         * Waits until this statement holds a permit. Returns at once when it already does.
         *
         * @throws QueryException {@code 53300} when no permit came within the timeout, {@code 57014} when the
         *     wait was {@linkplain #cancel() cancelled} or the thread interrupted; the waiter has then left the
         *     queue and holds nothing
         */
        void await(long timeoutMillis) throws QueryException {
            lock.lock();
            try {
                long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                while (!admitted && !cancelled && remaining > 0) {
                    try {
                        remaining = changed.awaitNanos(remaining);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        cancelled = true;
                    }
                }
                if (admitted) {
                    return;
                }
                queue.remove(this);
                if (cancelled) {
                    throw new QueryException(SqlState.QUERY_CANCELED,
                            "canceling statement due to user request (while waiting for admission)");
                }
                throw new QueryException(SqlState.TOO_MANY_CONNECTIONS, "too many queries: waited " + timeoutMillis
                        + " ms for one of " + permits + " " + name + "; retry later");
            } finally {
                lock.unlock();
            }
        }

        /** Whether this statement holds a permit. */
        boolean admitted() {
            lock.lock();
            try {
                return admitted;
            } finally {
                lock.unlock();
            }
        }

        /** Stops the wait of a statement still queued; does nothing once it holds its permit. Any thread. */
        void cancel() {
            lock.lock();
            try {
                if (!admitted) {
                    cancelled = true;
                    changed.signal();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
