package com.example.bridges;

import ch.qos.logback.core.spi.LifeCycle;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * JUL calls through jul-to-slf4j made while SLF4J is still initialising: SLF4J hands them a
 * {@code SubstituteLogger}, which only queues them, and replays the queue into Logback once
 * initialised. Logback's initialisation is held in progress (a status listener's {@code start()},
 * which Logback runs while it configures itself) until {@value #THREADS} threads made
 * {@value #CALLS} JUL calls each and one thread made a direct SLF4J call, all of one logger; then
 * one JUL call after the initialisation. The initialisation is started by a plain
 * {@code getLogger}, or with the argument {@code jul-starts-init} by a JUL call of that logger
 * too, inside which SLF4J then replays its queue. With {@code neighbours}, a Log4j2 API call
 * (log4j-to-slf4j) and a commons-logging call are made with the direct SLF4J call. Each call is
 * one error. Works with SLF4J 1.7 and Logback 1.2 as with 2.x and 1.5. Synchronised by latches
 * only: the JUL calls are made while the initialisation waits for them.
 */
public class JulDuringSlf4jInitApp {
    static final int THREADS = 4;
    static final int CALLS = 10;
    /** Logback's initialisation (so SLF4J's) has started and waits. */
    private static final CountDownLatch INIT_HELD = new CountDownLatch(1);
    /** The calls made during the initialisation are made (queued by SLF4J). */
    private static final CountDownLatch LOGGED = new CountDownLatch(THREADS + 1);

    public static void main(String[] args) throws Exception {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // Logback installs this listener while it configures itself, inside SLF4J's initialisation.
        System.setProperty("logback.statusListenerClass", HoldInitialisation.class.getName());
        // With "jul-starts-init", a JUL call starts SLF4J's initialisation (jul-to-slf4j asks SLF4J
        // for a logger), so SLF4J replays what it queued inside that call; else a plain getLogger.
        List<String> options = java.util.Arrays.asList(args);
        boolean julStarts = options.contains("jul-starts-init");
        boolean neighbours = options.contains("neighbours");
        Thread init = new Thread(julStarts
                ? () -> java.util.logging.Logger.getLogger("bridges.jul.init").log(Level.SEVERE, "first export for {0} failed", "slf4j-init") // faultline-it: jul-starting-init
                : () -> org.slf4j.LoggerFactory.getLogger("bridges.init"), "slf4j-init");
        init.start();
        await(INIT_HELD, "Logback's initialisation to start");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            threads.add(new Thread(() -> {
                java.util.logging.Logger jul = java.util.logging.Logger.getLogger("bridges.jul.init");
                for (int i = 0; i < CALLS; i++) {
                    jul.log(Level.SEVERE, "export {0} of {1} failed", new Object[] {i, Thread.currentThread().getName()}); // faultline-it: jul-during-init
                }
                LOGGED.countDown();
            }, "jul-" + t));
        }
        threads.add(new Thread(() -> {
            // The same logger as the JUL calls: replayed inside the first one, it is not that call.
            org.slf4j.LoggerFactory.getLogger("bridges.jul.init").error("direct call {} during init", "slf4j"); // faultline-it: slf4j-during-init
            if (neighbours) {
                // log4j-to-slf4j and commons-logging into SLF4J: queued too, seen by the agent at the replay only.
                org.apache.logging.log4j.LogManager.getLogger("bridges.jul.init").error("log4j2 api call {} during init", "x");
                org.apache.commons.logging.LogFactory.getLog("bridges.jul.init").error("commons-logging call during init");
            }
            LOGGED.countDown();
        }, "direct"));
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        init.join();
        java.util.logging.Logger.getLogger("bridges.jul.init").log(Level.SEVERE, "export after init failed"); // faultline-it: jul-after-init
        System.out.println("jul during slf4j init: done");
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Installed by Logback while SLF4J initialises ({@code logback.statusListenerClass}): holds it there. */
    public static final class HoldInitialisation implements StatusListener, LifeCycle {
        private volatile boolean started;

        @Override
        public void start() {
            INIT_HELD.countDown();
            await(LOGGED, "the calls made during SLF4J's initialisation");
            started = true;
        }

        @Override
        public void stop() {
            started = false;
        }

        @Override
        public boolean isStarted() {
            return started;
        }

        @Override
        public void addStatusEvent(Status status) {
        }
    }
}
