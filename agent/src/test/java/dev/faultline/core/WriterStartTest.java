package dev.faultline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.intake.EventQueue;
import dev.faultline.store.Health;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The writer made on the agent's thread, and an exit that comes before it is made. */
class WriterStartTest {
    private final Health health = new Health();
    private final EventQueue queue = new EventQueue(16, 1 << 20);
    private final AtomicInteger made = new AtomicInteger();
    private final AtomicInteger stopped = new AtomicInteger();
    private final AtomicLong stopDeadline = new AtomicLong();

    @Test
    void anExitWhileTheWriterIsBeingMadeWaitsForItWhenSomethingWasCaptured() throws Exception {
        CountDownLatch making = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        WriterStart start = new WriterStart(() -> {
            making.countDown();
            await(mayFinish);
            return made();
        }, health, queue, TimeUnit.SECONDS.toNanos(30));
        health.captured.incrementAndGet();
        start.start();
        assertTrue(making.await(10, TimeUnit.SECONDS));
        Thread exit = new Thread(start::shutdown);
        exit.start();
        // The exit waits for the making (its thread stays alive) until the writer is made, then stops it.
        exit.join(200);
        assertTrue(exit.isAlive(), "the exit returned before the writer it must stop was made");
        assertEquals(0, stopped.get());
        mayFinish.countDown();
        exit.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(exit.isAlive());
        assertEquals(1, stopped.get(), "the writer made is stopped once");
    }

    @Test
    void anExitBeforeAnythingWasCapturedOrMadeEndsAtOnceAndTheWriterIsNeverMade() throws Exception {
        WriterStart start = new WriterStart(this::made, health, queue, TimeUnit.SECONDS.toNanos(30));
        start.shutdown();
        // The thread starts late (the JVM was already ending): it makes nothing.
        makeOnItsThread(start);
        assertEquals(0, made.get());
        assertEquals(0, stopped.get());
    }

    @Test
    void anExitBeforeTheMakingBeganWaitsForItWhenSomethingWasCaptured() throws Exception {
        WriterStart start = new WriterStart(this::made, health, queue, TimeUnit.SECONDS.toNanos(30));
        health.captured.incrementAndGet();
        Thread exit = new Thread(start::shutdown);
        exit.start();
        exit.join(200);
        assertTrue(exit.isAlive(), "the exit returned before the writer it must stop was made");
        // The thread premain started gets the CPU only now.
        start.start();
        exit.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(exit.isAlive());
        assertEquals(1, stopped.get());
    }

    @Test
    void anExitAfterTheWriterWasMadeStopsIt() throws Exception {
        WriterStart start = new WriterStart(this::made, health, queue, TimeUnit.SECONDS.toNanos(30));
        makeOnItsThread(start);
        start.shutdown();
        assertEquals(1, made.get());
        assertEquals(1, stopped.get());
    }

    @Test
    void aWriterThatCouldNotBeMadeDoesNotHoldTheExitAndCountsWhatWasCaptured() throws Exception {
        WriterStart start = new WriterStart(() -> {
            throw new IllegalStateException("spool directory unusable");
        }, health, queue, TimeUnit.SECONDS.toNanos(30));
        captured();
        String said = stderrOf(() -> {
            makeOnItsThread(start);
            long begin = System.nanoTime();
            start.shutdown();
            // Not a timing assertion on the machine's speed: waiting the 30 s timeout would be the bug.
            assertTrue(System.nanoTime() - begin < TimeUnit.SECONDS.toNanos(20));
        });
        assertEquals(0, stopped.get());
        assertTrue(said.contains("agent not started: java.lang.IllegalStateException: spool directory unusable;"
                + " 1 error(s) captured before it are not stored"), said);
    }

    @Test
    void aMakingThatNeverEndsHoldsTheExitOnlyForTheTimeoutAndCountsWhatWasCaptured() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        WriterStart start = new WriterStart(() -> {
            await(never);
            return made();
        }, health, queue, TimeUnit.MILLISECONDS.toNanos(100));
        captured();
        captured();
        String said = stderrOf(() -> {
            start.start();
            start.shutdown();
        });
        assertEquals(0, stopped.get());
        assertTrue(said.contains("2 error(s) not written at shutdown: the writer was not ready within shutdown.timeout"), said);
        never.countDown();
    }

    @Test
    void theWritersShutdownHasWhatIsLeftOfTheTimeoutAfterTheWaitForItsMaking() throws Exception {
        CountDownLatch making = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        long timeout = TimeUnit.SECONDS.toNanos(30);
        WriterStart start = new WriterStart(() -> {
            making.countDown();
            await(mayFinish);
            return made();
        }, health, queue, timeout);
        captured();
        start.start();
        assertTrue(making.await(10, TimeUnit.SECONDS));
        Thread exit = new Thread(start::shutdown);
        exit.start();
        // The exit is waiting for the making: its deadline was set before now.
        long waitDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (exit.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < waitDeadline) {
            Thread.onSpinWait();
        }
        long waiting = System.nanoTime();
        mayFinish.countDown();
        exit.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(1, stopped.get());
        // One shutdown.timeout for the whole exit, not one for the making and another for the writer.
        assertTrue(stopDeadline.get() <= waiting + timeout, "the writer was given a fresh timeout");
    }

    /** As its thread would (not on the test's thread: the making marks its thread as the agent's). */
    private static void makeOnItsThread(WriterStart start) throws InterruptedException {
        Thread t = new Thread(start);
        t.start();
        t.join();
    }

    private WriterStart.Made made() {
        made.incrementAndGet();
        return deadline -> {
            stopDeadline.set(deadline);
            stopped.incrementAndGet();
        };
    }

    /** One error in the queue, as a log call captured before the writer was made. */
    private void captured() {
        health.captured.incrementAndGet();
        assertEquals(EventQueue.Offer.QUEUED, queue.offer(new CapturedEvent("logback", Severity.ERROR, 1L, "shop", "main",
                "failed", null, CapturedEvent.FORMAT_NONE, null, null, null, true), false));
    }

    private interface Step {
        void run() throws Exception;
    }

    /** What {@code step} printed to {@code System.err} (the agent's own lines when it has no writer). */
    private static String stderrOf(Step step) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            step.run();
        } finally {
            System.setErr(err);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
