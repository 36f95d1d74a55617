package dev.faultline.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The death of an agent's thread never reaches the application's default handler (which may exit). */
class AgentThreadsTest {
    @Test
    void anExceptionEscapingAnAgentThreadIsNotTheApplicationsToHandle() throws Exception {
        AtomicInteger applicationSaw = new AtomicInteger();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> applicationSaw.incrementAndGet());
        try {
            Thread t = AgentThreads.daemon(() -> {
                throw new SecurityException("access denied (\"java.lang.RuntimePermission\" \"getenv.HOSTNAME\")");
            }, "faultline-test");
            assertTrue(t.isDaemon());
            t.start();
            t.join();
            assertEquals(0, applicationSaw.get());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }
}
