package dev.faultline.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.EventSink;
import dev.faultline.bootstrap.Severity;
import dev.faultline.codes.ErrorCodeTracker;
import dev.faultline.store.Health;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The intake's decisions on the application thread: before the event is made, and when it is offered. */
class GateTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final Map<String, String> CODE = Map.of("error_code", "witness_api_down");

    private final Health health = new Health();
    private final EventQueue queue = new EventQueue(2, Long.MAX_VALUE);
    private final ErrorCodeTracker tracker = new ErrorCodeTracker(() -> T0, 3_600_000);

    @AfterEach
    void uninstall() {
        Bridge.uninstall();
    }

    private Gate gate(boolean hideSuppressed) {
        return new Gate(queue, tracker, health, hideSuppressed, 8192, new StormShed(100, 60_000));
    }

    private static Object before(Gate gate, String source, int severity, Throwable t, Map<String, ?> context) {
        return gate.before(source, severity, T0, "com.example.Orders", "order {} failed", t, context, null);
    }

    private static Object log(int severity, String template, Throwable t, Map<String, ?> context) {
        return Bridge.capture("logback", severity, T0, "com.example.Orders", "main", template, new Object[] {7},
                CapturedEvent.FORMAT_SLF4J, t, context, null, true);
    }

    private List<CapturedEvent> drain() {
        List<CapturedEvent> out = new ArrayList<>();
        queue.drainTo(out, 100);
        return out;
    }

    /** Runs {@code body} on a new thread: a thread's breadcrumbs are its own, none left by other tests. */
    private static void onFreshThread(Runnable body) throws Exception {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        t.start();
        t.join();
        if (failed.get() != null) {
            throw new AssertionError(failed.get());
        }
    }

    @Test
    void aLoggedErrorIsCountedInItsStormKeyBeforeItsEventIsMadeAndOfferedWithIt() {
        Gate gate = gate(false);
        Object key = before(gate, "logback", Severity.ERROR, new IllegalStateException("down"), null);
        assertSame(key, before(gate, "logback", Severity.ERROR, new IllegalStateException("again"), null), "one key, found again");
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, T0, "com.example.Orders", "main", "order {} failed",
                null, CapturedEvent.FORMAT_SLF4J, new IllegalStateException("down"), null, null, true);
        e.storm = key;
        assertSame(EventSink.TAKEN, gate.offer(e));
        assertEquals(1, queue.size());
        assertEquals(1, health.captured());
    }

    @Test
    void callsWithACodeOfANonLoggingPathOrBelowTheLevelAreLeftToTheOffer() {
        Gate gate = gate(false);
        Bridge.install(gate, Severity.ERROR, true);
        assertSame(EventSink.CONTINUE, before(gate, "logback", Severity.ERROR, null, CODE), "a new code");
        assertSame(EventSink.CONTINUE, before(gate, "logback", Severity.ERROR, null, Map.of("error_code_clear", "x")), "a clear");
        assertSame(EventSink.CONTINUE, before(gate, "uncaught", Severity.ERROR, new IllegalStateException(), null));
        assertSame(EventSink.CONTINUE, before(gate, "logback", Severity.WARNING, null, null), "below the capture level");
        assertEquals(0, health.captured());
    }

    /** A gate installed in the bridge, after the first event of {@link #CODE}, recorded. */
    private Gate afterTheFirstOfTheCode(boolean hideSuppressed) {
        Gate gate = gate(hideSuppressed);
        Bridge.install(gate, Severity.ERROR, true);
        Bridge.exit(log(Severity.ERROR, "order {} failed", null, CODE));
        assertEquals(1, drain().size(), "the first of the code: recorded");
        return gate;
    }

    @Test
    void aRepeatOfAnActiveCodeIsSuppressedBeforeItsEventIsMadeAndTheFirstIsRecorded() {
        Gate gate = afterTheFirstOfTheCode(false);
        assertNull(before(gate, "logback", Severity.ERROR, null, CODE), "suppressed: no event, remembered as a breadcrumb");
        assertNull(before(gate, "logback", Severity.INFO, null, CODE), "at any level");
        assertEquals(2, health.suppressed.get());
        assertEquals(0, queue.size());
    }

    @Test
    void aSuppressedRepeatIsKeptFromTheAppendersBeforeItsEventIsMadeWhenAsked() {
        Gate gate = afterTheFirstOfTheCode(true);
        assertSame(EventSink.HIDE, before(gate, "logback", Severity.ERROR, null, CODE));
        assertSame(Bridge.SKIP, log(Severity.ERROR, "order {} failed", null, CODE), "the appenders are skipped");
        assertSame(Bridge.ENTERED, log(Severity.ERROR, "order {} failed", null, null), "the depth was released: captured");
        Bridge.exit(Bridge.ENTERED);
        assertEquals(2, health.suppressed.get());
    }

    @Test
    void aCallTheFullQueueWouldRefuseIsCountedAsCapturedAndDroppedAndNotRememberedAsABreadcrumb() throws Exception {
        Bridge.install(gate(false), Severity.ERROR, true);
        Bridge.rememberLogEvents(20);
        onFreshThread(() -> {
            Bridge.exit(log(Severity.ERROR, "order {} failed", null, null));
            Bridge.exit(log(Severity.ERROR, "order {} failed", null, null));
            Bridge.exit(Bridge.crumb(Severity.INFO, T0, "com.example.Orders", "cart {} priced", new Object[] {1},
                    CapturedEvent.FORMAT_SLF4J));
            Bridge.exit(log(Severity.ERROR, "refund {} failed", null, null));
            assertEquals(3, health.captured());
            assertEquals(1, health.dropped(Health.QUEUE_FULL));
            assertEquals(2, drain().size());
            Bridge.exit(log(Severity.ERROR, "order {} failed", null, null));
            List<CapturedEvent> queued = drain();
            assertEquals(1, queued.size());
            assertEquals(1, queued.get(0).breadcrumbs.length, "the INFO before it, not the dropped error");
            assertEquals("cart {} priced", queued.get(0).breadcrumbs[0].template);
        });
    }

    @Test
    void aThrowableDroppedByTheFullQueueIsNotRememberedSoItsEscapeIsStored() throws Exception {
        Bridge.install(gate(false), Severity.ERROR, true);
        IllegalStateException queuedOne = new IllegalStateException("queued");
        IllegalStateException droppedOne = new IllegalStateException("dropped");
        Bridge.exit(log(Severity.ERROR, "order {} failed", queuedOne, null));
        Bridge.exit(log(Severity.ERROR, "order {} failed", new IllegalStateException("second"), null));
        Bridge.exit(log(Severity.ERROR, "order {} failed", droppedOne, null));
        assertEquals(1, health.dropped(Health.QUEUE_FULL));
        drain();
        Bridge.captureOnce(uncaught(droppedOne));
        assertEquals(1, queue.size(), "the escape of the dropped one is an occurrence");
        Bridge.captureOnce(uncaught(queuedOne));
        assertEquals(1, queue.size(), "the escape of the queued one is a repeat");
        assertEquals(1, health.repeats.get());
        assertNotNull(drain().get(0).throwable);
    }

    private static CapturedEvent uncaught(Throwable t) {
        return new CapturedEvent("uncaught", Severity.CRITICAL, T0, null, "main", null, null, CapturedEvent.FORMAT_NONE, t,
                null, null, false);
    }
}
