package dev.faultline.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The watch on failed futures, with a plain object standing for the future and a list for the sink. */
class UnobservedTest {
    private final List<CapturedEvent> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void install() {
        Unobserved.reportRemaining(); // nothing left over from another test
        Bridge.install(new EventSink() {
            @Override
            public Object offer(CapturedEvent event) {
                delivered.add(event);
                return null;
            }
        }, Severity.ERROR, false);
    }

    @AfterEach
    void uninstall() {
        Unobserved.reportRemaining();
        Bridge.uninstall();
    }

    @Test
    void recordsAFailureWhoseFutureIsCollectedUnread() throws InterruptedException {
        IllegalStateException error = new IllegalStateException("lost");
        failAndDrop(error);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (delivered.isEmpty() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20); // polling the reaper, bounded by the deadline
        }
        assertEquals(1, delivered.size());
        CapturedEvent e = delivered.get(0);
        assertEquals("executor", e.source);
        assertEquals(false, e.handled);
        assertTrue(e.throwable == error);
        assertEquals(false, Unobserved.any());
    }

    @Test
    void aFailureCarriesTheBreadcrumbsOfTheThreadItFailedOnForAtMost32WatchesAtOnce() throws InterruptedException {
        Bridge.rememberLogEvents(20);
        Thread worker = new Thread(() -> {
            Bridge.exit(Bridge.crumb(Severity.INFO, 5L, "pool", "task step {}", new Object[] {1}, CapturedEvent.FORMAT_SLF4J));
            Object read = new Object();
            Unobserved.failed(read, new IllegalStateException("read later"));
            for (int i = 0; i < Unobserved.MAX_WITH_BREADCRUMBS + 3; i++) {
                if (i == 1) {
                    Unobserved.observed(read); // a copy given back: the next watch may hold one
                }
                Unobserved.failed(new Object(), new IllegalStateException("unread " + i));
            }
        }, "worker");
        worker.start();
        worker.join();
        Unobserved.reportRemaining(); // delivered here, on another thread than the one that failed
        assertEquals(Unobserved.MAX_WITH_BREADCRUMBS + 3, delivered.size());
        int with = 0;
        for (CapturedEvent e : delivered) {
            if (e.breadcrumbs != null) {
                with++;
                assertEquals(1, e.breadcrumbs.length);
                assertEquals("task step {}", e.breadcrumbs[0].template);
            }
        }
        assertEquals(Unobserved.MAX_WITH_BREADCRUMBS, with, "the others carry none");
        Unobserved.failed(new Object(), new IllegalStateException("on this thread, which logged nothing"));
        Unobserved.reportRemaining();
        assertEquals(null, delivered.get(delivered.size() - 1).breadcrumbs);
    }

    @Test
    void forgetsAFailureOnceItsFutureIsRead() {
        Object future = new Object();
        Unobserved.failed(future, new IllegalStateException("seen"));
        assertTrue(Unobserved.any());
        Unobserved.observed(future);
        assertEquals(false, Unobserved.any());
        Unobserved.reportRemaining();
        assertTrue(delivered.isEmpty());
    }

    @Test
    void forgetsAFailureThatPassedIntoAnotherFuture() {
        IllegalStateException error = new IllegalStateException("propagated");
        Object future = new Object();
        Unobserved.failed(future, error);
        Unobserved.propagated(new CompletionException(error));
        Unobserved.reportRemaining();
        assertTrue(delivered.isEmpty());
    }

    @Test
    void recordsWhatIsStillUnreadAtShutdownWithTheTasksOwnException() {
        Object future = new Object();
        IllegalStateException cause = new IllegalStateException("never read");
        Unobserved.failed(future, new CompletionException(cause));
        Unobserved.reportRemaining();
        assertEquals(1, delivered.size());
        assertTrue(delivered.get(0).throwable == cause);
        java.lang.ref.Reference.reachabilityFence(future); // unread until the end, not collected
    }

    @Test
    void aFailureMadeFromASucceededSourceIsNewAndWatchedWhenNobodyWaits() {
        Object waitedFor = new Object();
        Object unwaited = new Object();
        assertEquals(false, Unobserved.passedOn(waitedFor, new IllegalStateException("action threw, read"), "value", false));
        assertEquals(false, Unobserved.any());
        assertEquals(true, Unobserved.passedOn(unwaited, new IllegalStateException("action threw"), "value", true));
        assertEquals(true, Unobserved.any());
        Unobserved.observed(unwaited);
        assertEquals(false, Unobserved.any());
    }

    @Test
    void tellsAFailedOutcomeFromAValue() {
        assertEquals(false, Unobserved.isFailure("value"));
        assertEquals(false, Unobserved.isFailure(null));
    }

    @Test
    void aTimeoutOutsideOrTimeoutsTimerIsNotWatchedThatWay() {
        java.util.concurrent.CompletableFuture<String> future = new java.util.concurrent.CompletableFuture<>();
        future.thenApply(s -> s);
        assertEquals(false, Unobserved.timedOut(future, new java.util.concurrent.TimeoutException()),
                "completed by the application, whose dependent is its own stage");
        assertEquals(false, Unobserved.any());
    }

    private static void failAndDrop(Throwable error) {
        Unobserved.failed(new Object(), error);
    }
}
