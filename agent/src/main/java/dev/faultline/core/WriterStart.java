package dev.faultline.core;

import dev.faultline.bootstrap.Bridge;
import dev.faultline.intake.EventQueue;
import dev.faultline.store.Health;

/**
 * Makes the writer on a thread of the agent's ({@code faultline-start}) instead of in premain, and
 * hands it to the shutdown hook once made. Its construction loads about 25 of the agent's classes
 * (the spool, the replay, the group writes, the calls' time bounds): 20-25 ms of the application's
 * main thread in premain on this machine (docs/BENCHMARKS.md, "Premain without the writer"), which
 * the application's start does not need: the queue holds what is captured meanwhile, and the
 * writer drains it once it runs.
 */
final class WriterStart implements Runnable {
    /** What the thread made: the shutdown hook stops it. */
    interface Made {
        /** @param deadlineNanos by this {@link System#nanoTime()} the exit goes on, written or not */
        void shutdown(long deadlineNanos);
    }

    /** Makes and starts the writer, on the {@code faultline-start} thread. */
    interface Maker {
        Made make();
    }

    private final Maker maker;
    private final Health health;
    private final EventQueue queue;
    private final long timeoutNanos;
    /** Guarded by this: whether the making is under way or over, what it made, whether the shutdown came before it began. */
    private boolean making;
    private boolean finished;
    private Made made;
    private boolean cancelled;

    /** @param timeoutNanos at most this long the shutdown waits for the making ({@code shutdown.timeout}) */
    WriterStart(Maker maker, Health health, EventQueue queue, long timeoutNanos) {
        this.maker = maker;
        this.health = health;
        this.queue = queue;
        this.timeoutNanos = timeoutNanos;
    }

    void start() {
        Thread thread = AgentThreads.daemon(this, "faultline-start");
        thread.start();
    }

    @Override
    public void run() {
        Bridge.markAgentThread();
        synchronized (this) {
            if (cancelled) {
                return;
            }
            making = true;
        }
        Made m = null;
        try {
            m = maker.make();
        } catch (Throwable t) {
            // As a failure in premain: the application goes on without the agent, told why, and
            // what it captured meanwhile is counted here, as no writer will count it.
            Bridge.uninstall();
            int lost = queue.size();
            System.err.println("[faultline] agent not started: " + t
                    + (lost > 0 ? "; " + lost + " error(s) captured before it are not stored" : ""));
        }
        synchronized (this) {
            made = m;
            making = false;
            finished = true;
            notifyAll();
        }
    }

    /**
     * The shutdown hook's part: the writer's shutdown once it is made, its making waited for
     * within the timeout. A JVM that ends before the making began and captured nothing ends at
     * once, and the writer is then never made (no spool file is left behind).
     */
    void shutdown() {
        Made m;
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (this) {
            if (!making && !finished && health.captured() == 0 && queue.size() == 0) {
                cancelled = true;
                Bridge.uninstall();
                return;
            }
            long left;
            // Also when the thread has not begun yet: it was started in premain and will.
            while (!finished && (left = deadline - System.nanoTime()) > 0) {
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            m = made;
            if (!finished) {
                // Not made within the timeout: the exit goes on, and what was captured is counted here.
                cancelled = true;
                Bridge.uninstall();
                System.err.println("[faultline] " + queue.size() + " error(s) not written at shutdown:"
                        + " the writer was not ready within shutdown.timeout");
            }
        }
        if (m != null) {
            // Within the same deadline: the wait for the making came out of the exit's time.
            m.shutdown(deadline);
        }
    }
}
