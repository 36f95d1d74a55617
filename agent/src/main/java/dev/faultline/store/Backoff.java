package dev.faultline.store;

/**
 * When to try MongoDB again after a failure: waits that double from {@code first} up to
 * {@code max}, back to none after a success. Times are {@code System.nanoTime()} values passed
 * in, so the policy is tested without a clock. Writer thread only.
 */
final class Backoff {
    private final long firstNanos;
    private final long maxNanos;
    private long waitNanos;
    private long nextAttemptAt;
    private boolean waiting;

    Backoff(long firstNanos, long maxNanos) {
        this.firstNanos = firstNanos;
        this.maxNanos = maxNanos;
        this.waitNanos = firstNanos;
    }

    /** Whether an attempt may be made at {@code now}. */
    boolean due(long now) {
        return !waiting || now - nextAttemptAt >= 0;
    }

    /** The attempt at {@code now} failed: wait, twice as long as last time (at most {@code max}). */
    void failed(long now) {
        waiting = true;
        nextAttemptAt = now + waitNanos;
        waitNanos = Math.min(waitNanos * 2, maxNanos);
    }

    void succeeded() {
        waiting = false;
        waitNanos = firstNanos;
    }

    /** The wait the next failure will set, in nanoseconds. */
    long nextWaitNanos() {
        return waitNanos;
    }
}
