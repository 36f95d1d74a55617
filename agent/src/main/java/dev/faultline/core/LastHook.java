package dev.faultline.core;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the agent's final flush after every application shutdown hook has finished, so that what
 * those hooks log (or the hook threads that die uncaught) is still captured.
 *
 * <p>The JDK runs all application hooks from system hook slot 1 of {@code java.lang.Shutdown}
 * (slot 0: console restore, slot 2: DeleteOnExit, both registered lazily), joining each hook
 * thread before moving to the next slot. A {@code Runnable} in a later slot, registered through
 * {@code jdk.internal.access.JavaLangAccess.registerShutdownHook} (present with this signature on
 * JDK 17 to 25), therefore runs after them, on the thread that started the shutdown. Slots 0 to 2
 * are never taken (the JDK registers those lazily and would fail); the highest free one of 3 to 9
 * is. The agent exports {@code jdk.internal.access} to its own module through {@link
 * Instrumentation#redefineModule}.
 *
 * <p>When that is not possible (a JDK without the method), the flush runs in a plain Runtime hook
 * that first waits, within {@code shutdown.timeout}, for the other threads that are still running
 * and not themselves waiting in {@code java.lang.Shutdown} (the application's hook threads).
 */
final class LastHook {
    private static final int FIRST_FREE_SLOT = 3;
    private static final int LAST_SLOT = 9;
    private static final long POLL_MILLIS = 10;

    private final Runnable once;
    private final Thread fallback;

    private LastHook(Runnable once, Thread fallback) {
        this.once = once;
        this.fallback = fallback;
    }

    /**
     * Premain: registers {@code flush} (run at most once) after every application hook: in a
     * system shutdown hook slot ({@link #registerAfterApplicationHooks}, by the cheapest call each
     * JDK allows, {@link JdkCalls}); when the JDK refuses, in a plain Runtime hook that waits for the other
     * hook threads, moved into a slot later by the agent's thread ({@link
     * #moveAfterApplicationHooks}). Never throws.
     */
    static LastHook register(final Runnable flush, long waitNanos, Instrumentation inst) {
        final AtomicBoolean ran = new AtomicBoolean();
        Runnable once = new Runnable() {
            @Override
            public void run() {
                if (ran.compareAndSet(false, true)) {
                    flush.run();
                }
            }
        };
        String why;
        try {
            int slot = registerAfterApplicationHooks(inst, onItsOwnThread(once));
            if (slot >= 0) {
                Diag.debug("final flush in system shutdown hook slot " + slot + ", after the application's hooks");
                return new LastHook(once, null);
            }
            why = "system shutdown hook slots " + FIRST_FREE_SLOT + " to " + LAST_SLOT + " are taken";
        } catch (Throwable t) {
            why = t.toString();
        }
        Thread fallback = AgentThreads.own(new Thread(new WaitingHook(once, waitNanos), "faultline-shutdown"));
        try {
            Runtime.getRuntime().addShutdownHook(fallback);
        } catch (RuntimeException e) {
            // already shutting down: nothing left to flush for
        }
        Diag.debug("final flush in a Runtime shutdown hook that waits for the other hook threads (" + why + "), for now");
        return new LastHook(once, fallback);
    }

    /**
     * The flush on a thread of its own ({@code faultline-shutdown}): the thread that exits may be
     * inside a logging call, whose call depth would hide what the flush still captures.
     */
    private static Runnable onItsOwnThread(final Runnable once) {
        return new Runnable() {
            @Override
            public void run() {
                Thread t = AgentThreads.own(new Thread(once, "faultline-shutdown"));
                t.start();
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /**
     * Writer thread: when premain could not put the flush after the application's hooks, tries
     * again (a JDK that refused then may not now), and on success drops the fallback hook. Never
     * throws; when it cannot, the fallback stays.
     */
    void moveAfterApplicationHooks(Instrumentation inst) {
        if (fallback == null) {
            return;
        }
        String why;
        try {
            int slot = registerAfterApplicationHooks(inst, onItsOwnThread(once));
            if (slot >= 0) {
                try {
                    Runtime.getRuntime().removeShutdownHook(fallback);
                } catch (IllegalStateException e) {
                    // shutting down already: both may run, the flush runs once
                }
                Diag.debug("final flush in system shutdown hook slot " + slot + ", after the application's hooks");
                return;
            }
            why = "system shutdown hook slots " + FIRST_FREE_SLOT + " to " + LAST_SLOT + " are taken";
        } catch (Throwable t) {
            why = t.toString();
        }
        Diag.debug("final flush in a Runtime shutdown hook that waits for the other hook threads (" + why + ")");
    }

    /** The slot taken, or -1 when none was free. */
    private static int registerAfterApplicationHooks(Instrumentation inst, Runnable flush) throws Throwable {
        JdkCalls.exportToAgent(inst, "jdk.internal.access");
        Class<?> javaLangAccess = Class.forName("jdk.internal.access.JavaLangAccess");
        Class<?> sharedSecrets = Class.forName("jdk.internal.access.SharedSecrets");
        // The cheapest call each JDK allows (JdkCalls): core reflection on JDK 17, an exact
        // method handle from JDK 18.
        Object access;
        java.lang.reflect.Method reflected = null;
        MethodHandle exact = null;
        if (JdkCalls.REFLECTION_IS_NATIVE) {
            access = JdkCalls.invoke(sharedSecrets.getMethod("getJavaLangAccess"), null);
            reflected = javaLangAccess.getMethod("registerShutdownHook", int.class, boolean.class, Runnable.class);
        } else {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            access = (Object) lookup.findStatic(sharedSecrets, "getJavaLangAccess",
                    MethodType.methodType(javaLangAccess)).asType(MethodType.methodType(Object.class)).invokeExact();
            exact = lookup.findVirtual(javaLangAccess, "registerShutdownHook",
                    MethodType.methodType(void.class, int.class, boolean.class, Runnable.class))
                    .asType(MethodType.methodType(void.class, Object.class, int.class, boolean.class, Runnable.class));
        }
        for (int slot = LAST_SLOT; slot >= FIRST_FREE_SLOT; slot--) {
            try {
                if (reflected != null) {
                    JdkCalls.invoke(reflected, access, slot, false, flush);
                } else {
                    exact.invokeExact(access, slot, false, flush);
                }
                return slot;
            } catch (InternalError e) {
                // "already registered": try the next one. IllegalStateException (the JVM is
                // already shutting down: nothing to wait for) goes to the caller.
            }
        }
        return -1;
    }

    /** The fallback: waits for the application's hook threads, then flushes. */
    private static final class WaitingHook implements Runnable {
        private final Runnable flush;
        private final long waitNanos;

        WaitingHook(Runnable flush, long waitNanos) {
            this.flush = flush;
            this.waitNanos = waitNanos;
        }

        @Override
        public void run() {
            long deadline = System.nanoTime() + waitNanos;
            try {
                while (System.nanoTime() < deadline && othersRunning()) {
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flush.run();
        }

        /** True while a non-daemon thread other than this one runs outside java.lang.Shutdown. */
        private static boolean othersRunning() {
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                Thread t = e.getKey();
                if (t == Thread.currentThread() || t.isDaemon() || !t.isAlive()) {
                    continue;
                }
                if (!inShutdown(e.getValue())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean inShutdown(StackTraceElement[] frames) {
            for (StackTraceElement f : frames) {
                if ("java.lang.Shutdown".equals(f.getClassName())) {
                    return true;
                }
            }
            return false;
        }
    }
}
