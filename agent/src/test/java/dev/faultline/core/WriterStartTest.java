package dev.faultline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.intake.EventQueue;
import dev.faultline.store.Health;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The writer made on the agent's thread, and an exit that comes before it is made. */
class WriterStartTest {
    private final Health health = new Health();
    private final EventQueue queue = new EventQueue(16, 1 << 20);
    private final AtomicInteger made = new AtomicInteger();
    private final AtomicInteger stopped = new AtomicInteger();

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
    void aWriterThatCouldNotBeMadeDoesNotHoldTheExit() throws Exception {
        WriterStart start = new WriterStart(() -> {
            throw new IllegalStateException("spool directory unusable");
        }, health, queue, TimeUnit.SECONDS.toNanos(30));
        health.captured.incrementAndGet();
        makeOnItsThread(start);
        long begin = System.nanoTime();
        start.shutdown();
        // Not a timing assertion on the machine's speed: waiting the 30 s timeout would be the bug.
        assertTrue(System.nanoTime() - begin < TimeUnit.SECONDS.toNanos(20));
        assertEquals(0, stopped.get());
    }

    @Test
    void aMakingThatNeverEndsHoldsTheExitOnlyForTheTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        WriterStart start = new WriterStart(() -> {
            await(never);
            return made();
        }, health, queue, TimeUnit.MILLISECONDS.toNanos(100));
        health.captured.incrementAndGet();
        start.start();
        start.shutdown();
        assertEquals(0, stopped.get());
        never.countDown();
    }

    /** As its thread would (not on the test's thread: the making marks its thread as the agent's). */
    private static void makeOnItsThread(WriterStart start) throws InterruptedException {
        Thread t = new Thread(start);
        t.start();
        t.join();
    }

    private WriterStart.Made made() {
        made.incrementAndGet();
        return stopped::incrementAndGet;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
