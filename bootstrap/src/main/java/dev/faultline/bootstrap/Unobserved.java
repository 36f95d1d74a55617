package dev.faultline.bootstrap;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Failed futures whose outcome nobody has read yet. A future that fails while no one waits for
 * it is watched through a weak reference; reading its outcome ({@code get}, {@code join}, a
 * callback or dependent stage) ends the watch. When the garbage collector finds the future
 * unreachable with the watch still on, nobody can ever read it: the failure is recorded (source
 * {@code executor}) by a daemon thread. At shutdown, the watches still on are recorded too:
 * the JVM is gone before anyone read them.
 *
 * <p>A watch carries the failing thread's breadcrumbs, copied when the task fails (the event is
 * built later, on another thread), for at most {@link #MAX_WITH_BREADCRUMBS} watches at once: a
 * copy holds up to {@code breadcrumbs.size} events of kept arguments, so the bound keeps the
 * memory of many unread failures small (about 130 KB a copy at most, at size 20).
 *
 * <p>Cost for code that does not fail: the hooks on reading methods check {@link #any()}, one
 * volatile read of a static int (measured: nothing measurable, ExecutorBenchmark); nothing is allocated unless a future fails.
 */
public final class Unobserved {
    /** Failures watched at once; beyond this a failure is not watched and counted. */
    static final int MAX_WATCHED = 4096;
    /** Watches that keep their thread's breadcrumbs at once; the others have none. */
    static final int MAX_WITH_BREADCRUMBS = 32;
    private static final int BUCKETS = 1024;

    private static final Object LOCK = new Object();
    private static final Watch[] TABLE = new Watch[BUCKETS];
    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<Object>();
    private static final AtomicLong NOT_WATCHED = new AtomicLong();
    /** Written under {@link #LOCK}, read without it by every reading hook. */
    private static volatile int watched;
    /** Watches holding breadcrumbs; under {@link #LOCK}. */
    private static int withBreadcrumbs;
    private static Thread reaper;

    private Unobserved() {
    }

    /** True while some failed future has not been read: only then do reading hooks look further. */
    public static boolean any() {
        return watched != 0;
    }

    /**
     * {@code future} is failing with {@code error} and no one waits for it. Called just before the
     * future publishes the failure, so that a reader arriving concurrently always finds the watch.
     */
    public static void failed(Object future, Throwable error) {
        watch(future, error, 0);
    }

    /**
     * A CompletableFuture with no dependent is failing: as {@link #failed}, except when
     * {@code orTimeout}'s timer fails it before that method attached its own stage (JDK 17
     * schedules the timer first, then attaches; the attach itself is not hooked, see
     * {@code OwnTimeoutStage}): the failure's passing into that stage is not a read. Only
     * failures reach this.
     */
    public static void failedAlone(Object future, Throwable error) {
        int own = error instanceof TimeoutException && StackWalker.getInstance().walk(CalledByTimeout.INSTANCE).booleanValue() ? 1 : 0;
        watch(future, error, own);
    }

    /**
     * {@code orTimeout}'s timer is failing {@code future} with {@code error}, a
     * {@code TimeoutException}, while its one dependent is the stage {@code orTimeout} attached
     * itself (a {@code whenComplete} that cancels the timer, JDK 9 to 25): nobody else waits for
     * it. Watched like {@link #failed}, except that the failure passing into that internal stage
     * does not count as a read. Only the timeout's failure reaches this. True when it is watched.
     */
    public static boolean timedOut(Object future, Throwable error) {
        return error instanceof TimeoutException && future instanceof CompletableFuture
                && ((CompletableFuture<?>) future).getNumberOfDependents() == 1
                && StackWalker.getInstance().walk(CalledByTimeout.INSTANCE).booleanValue()
                && watch(future, error, 1);
    }

    private static boolean watch(Object future, Throwable error, int passesIgnored) {
        if (future == null || error == null || !Bridge.installed() || CallDepth.isAgentThread()) {
            return false;
        }
        try {
            Watch w = new Watch(future, unwrap(error), Thread.currentThread().getName(), COLLECTED);
            // Copied here, on the failing thread; a racy read of the count only saves the copy.
            Breadcrumb[] crumbs = withBreadcrumbs < MAX_WITH_BREADCRUMBS ? Bridge.breadcrumbs() : null;
            synchronized (LOCK) {
                if (watched >= MAX_WATCHED) {
                    NOT_WATCHED.incrementAndGet();
                    return false;
                }
                w.passesIgnored = passesIgnored;
                if (crumbs != null && withBreadcrumbs < MAX_WITH_BREADCRUMBS) {
                    w.breadcrumbs = crumbs;
                    withBreadcrumbs++;
                }
                int i = w.hash & (BUCKETS - 1);
                w.next = TABLE[i];
                TABLE[i] = w;
                watched++;
                startReaper();
            }
            return true;
        } catch (Throwable t) {
            Bridge.adviceFailed(t);
            return false;
        }
    }

    /** The application read {@code future}'s outcome (or attached a stage to it). */
    public static void observed(Object future) {
        forget(future);
    }

    /** The failure did not happen after all: {@code future} was completed otherwise first. */
    public static void forget(Object future) {
        if (watched == 0 || future == null) {
            return;
        }
        int i = System.identityHashCode(future) & (BUCKETS - 1);
        synchronized (LOCK) {
            Watch prev = null;
            for (Watch w = TABLE[i]; w != null; w = w.next) {
                if (w.get() == future) {
                    unlink(i, prev, w);
                    return;
                }
                prev = w;
            }
        }
    }

    /**
     * {@code future} completes with {@code error} because of {@code source}, the outcome of the
     * stage it depends on ({@code CompletableFuture.completeThrowable(x, r)}). When the source
     * failed, its failure is passed on ({@link #propagated}). When it succeeded, {@code error} is
     * new (a {@code whenComplete} action threw) and is watched like {@link #failed} when
     * {@code nobodyWaits}. Only failures reach this. True when a watch was started.
     */
    public static boolean passedOn(Object future, Throwable error, Object source, boolean nobodyWaits) {
        if (isFailure(source)) {
            propagated(error);
            return false;
        }
        if (nobodyWaits) {
            failed(future, error);
            return true;
        }
        return false;
    }

    /**
     * Whether a CompletableFuture's internal outcome is a failure, without access to its private
     * {@code AltResult}: {@code completedFuture} keeps the object it is given as its outcome (JDK
     * 9 to 25), and {@code isCompletedExceptionally} tells a failure from a value or {@code NIL}.
     */
    static boolean isFailure(Object outcome) {
        return outcome != null && CompletableFuture.completedFuture(outcome).isCompletedExceptionally();
    }

    /**
     * A completed future's outcome is being copied into another one ({@code encodeRelay}:
     * {@code thenCompose} of a completed future, {@code anyOf}). Called for every relay while a
     * failure is watched: a value or {@code NIL} is told apart from a failure by its class and by
     * identity, without allocating; a failure is passed on ({@link #propagated}).
     */
    public static void relayed(Object outcome) {
        if (outcome == null || outcome.getClass() != Outcomes.FAILURE_OR_NIL || outcome == Outcomes.nil) {
            return;
        }
        try {
            CompletableFuture.completedFuture(outcome).getNow(null);
            Outcomes.nil = outcome; // the one AltResult that is not a failure
        } catch (Throwable failure) { // CompletionException around the failure, or a CancellationException
            propagated(failure);
        }
    }

    /** A failure passed into another future (a dependent stage, allOf): it is that one's now. */
    public static void propagated(Throwable error) {
        if (watched == 0 || error == null) {
            return;
        }
        Throwable cause = unwrap(error);
        synchronized (LOCK) {
            for (int i = 0; i < BUCKETS; i++) {
                Watch prev = null;
                for (Watch w = TABLE[i]; w != null; w = w.next) {
                    if (w.error == cause && w.passesIgnored > 0) {
                        w.passesIgnored--;
                        prev = w;
                    } else if (w.error == cause) {
                        unlink(i, prev, w);
                    } else {
                        prev = w;
                    }
                }
            }
        }
    }

    /** Failures that could not be watched because {@link #MAX_WATCHED} were already. */
    public static long notWatched() {
        return NOT_WATCHED.get();
    }

    /** At shutdown: what is still unread will never be read. Runs on the agent's shutdown hook. */
    public static void reportRemaining() {
        List<Watch> left = new ArrayList<Watch>();
        synchronized (LOCK) {
            for (int i = 0; i < BUCKETS; i++) {
                for (Watch w = TABLE[i]; w != null; w = w.next) {
                    left.add(w);
                }
                TABLE[i] = null;
            }
            watched = 0;
            withBreadcrumbs = 0;
        }
        for (Watch w : left) {
            Bridge.deliver(w.event());
        }
    }

    /** Removes a collected watch; true when it was still on (nobody had read the future). */
    static boolean remove(Watch collected) {
        int i = collected.hash & (BUCKETS - 1);
        synchronized (LOCK) {
            Watch prev = null;
            for (Watch w = TABLE[i]; w != null; w = w.next) {
                if (w == collected) {
                    unlink(i, prev, w);
                    return true;
                }
                prev = w;
            }
        }
        return false;
    }

    private static void unlink(int bucket, Watch prev, Watch w) {
        if (prev == null) {
            TABLE[bucket] = w.next;
        } else {
            prev.next = w.next;
        }
        w.next = null;
        watched--;
        if (w.breadcrumbs != null) {
            withBreadcrumbs--;
        }
    }

    /** CompletableFuture wraps the task's exception; ExecutionException comes from get(). */
    static Throwable unwrap(Throwable t) {
        Throwable cause = t.getCause();
        return (t instanceof CompletionException || t instanceof ExecutionException) && cause != null ? cause : t;
    }

    /** Started with the first watch, so an application whose futures never fail has no extra thread. */
    private static void startReaper() {
        if (reaper == null) {
            reaper = new Thread(new Reaper(), "faultline-unobserved");
            reaper.setDaemon(true);
            reaper.start();
        }
    }

    static final class Watch extends WeakReference<Object> {
        final int hash;
        final Throwable error;
        final String thread;
        final String futureType;
        final long failedAt = System.currentTimeMillis();
        /** The span current on the failing thread (the event is built later, on another thread). */
        final Object spanContext = TraceContext.current();
        /** Passings into another future that are not reads (orTimeout's own stage); under {@link #LOCK}. */
        int passesIgnored;
        /** The failing thread's breadcrumbs, or null; set under {@link #LOCK}. */
        Breadcrumb[] breadcrumbs;
        Watch next;

        Watch(Object future, Throwable error, String thread, ReferenceQueue<Object> queue) {
            super(future, queue);
            this.hash = System.identityHashCode(future);
            this.error = error;
            this.thread = thread;
            this.futureType = future.getClass().getName();
        }

        CapturedEvent event() {
            CapturedEvent event = new CapturedEvent("executor", Severity.ERROR, failedAt, null, thread,
                    "{} failed and its outcome was never observed: {}", new Object[] {futureType, error},
                    CapturedEvent.FORMAT_SLF4J, error, null, null, false);
            event.spanContext = spanContext;
            event.breadcrumbs = breadcrumbs;
            return event;
        }
    }

    /** CompletableFuture's private outcome class, found on first use (a relay while a failure is watched). */
    private static final class Outcomes {
        static final Class<?> FAILURE_OR_NIL = find();
        /** {@code CompletableFuture.NIL} once seen; a race only repeats the look. */
        static volatile Object nil;

        private static Class<?> find() {
            try {
                return Class.forName("java.util.concurrent.CompletableFuture$AltResult", false, null);
            } catch (ClassNotFoundException e) {
                return Void.class; // another JDK's shape: no relay is taken for a failure
            }
        }
    }

    /** Whether {@code CompletableFuture$Timeout#run} is completing the future (a few frames up). */
    private static final class CalledByTimeout implements Function<Stream<StackWalker.StackFrame>, Boolean> {
        static final CalledByTimeout INSTANCE = new CalledByTimeout();

        @Override
        public Boolean apply(Stream<StackWalker.StackFrame> frames) {
            Iterator<StackWalker.StackFrame> it = frames.limit(8).iterator();
            while (it.hasNext()) {
                if (it.next().getClassName().equals("java.util.concurrent.CompletableFuture$Timeout")) {
                    return Boolean.TRUE;
                }
            }
            return Boolean.FALSE;
        }
    }

    private static final class Reaper implements Runnable {
        @Override
        public void run() {
            Bridge.markAgentThread();
            while (true) {
                try {
                    Watch w = (Watch) COLLECTED.remove();
                    if (remove(w)) {
                        Bridge.deliver(w.event());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable t) {
                    Bridge.adviceFailed(t);
                }
            }
        }
    }
}
