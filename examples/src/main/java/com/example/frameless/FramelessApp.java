package com.example.frameless;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exceptions without stack frames, logged through SLF4J and Logback: each error's location is the
 * logging call (the marked lines), except where a cause in the chain has frames of its own.
 */
public class FramelessApp {
    private static final Logger LOG = LoggerFactory.getLogger(FramelessApp.class);
    /** Preallocated once and logged several times, as fast paths do. */
    private static final IllegalStateException BUSY = new Unwritable("service busy");

    /** A fillInStackTrace that does nothing: no frames are ever recorded. */
    static final class Unwritable extends IllegalStateException {
        Unwritable(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** A control-flow exception made with writableStackTrace=false. */
    static final class Declined extends RuntimeException {
        Declined(String message) {
            super(message, null, false, false);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        LOG.error("payment refused", new Declined("card declined")); // faultline-it: frameless-unwritable
        LOG.error("first try", BUSY); // faultline-it: frameless-busy-1
        LOG.error("second try", BUSY); // faultline-it: frameless-busy-2
        IllegalArgumentException emptied = new IllegalArgumentException("bad amount");
        emptied.setStackTrace(new StackTraceElement[0]);
        LOG.error("amount rejected", emptied); // faultline-it: frameless-emptied
        LOG.error("charge failed", charge());
        LOG.error("with frames", new IllegalStateException("ledger closed")); // faultline-it: frameless-has-frames
        Thread worker = new Thread(() -> {
            throw new Declined("worker gave up");
        }, "frameless-worker");
        worker.start();
        worker.join();
        // The same shared instance kills a thread, then is logged for an unrelated failure: as the
        // JVM's own shared exception of a hot failure (OmitStackTraceInFastThrow) would be.
        Thread busy = new Thread(() -> {
            throw BUSY;
        }, "frameless-busy-worker");
        busy.start();
        busy.join();
        LOG.error("report not sent", BUSY); // faultline-it: frameless-after-worker
        System.out.println("frameless: done");
    }

    /** A wrapper with frames around a frameless root cause. */
    private static RuntimeException charge() {
        return new RuntimeException("charge failed", new Declined("gateway timeout")); // faultline-it: frameless-wrapper
    }
}
