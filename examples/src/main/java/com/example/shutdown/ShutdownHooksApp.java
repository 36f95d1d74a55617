package com.example.shutdown;

import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors that happen only while the JVM shuts down: two application shutdown hooks log an error
 * (one through Logback, one through JUL) after a delay, and a third hook thread dies uncaught.
 * Arguments: the hooks' delay in milliseconds, then {@code return} (main returns) or {@code exit}
 * ({@code System.exit(3)} from main).
 */
public class ShutdownHooksApp {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHooksApp.class);
    private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger("shutdown.jul");

    public static void main(String[] args) {
        final long delay = Long.parseLong(args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pause(delay);
            LOG.error("logback error in a shutdown hook");
        }, "hook-logback"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pause(delay);
            JUL.log(Level.SEVERE, "jul error in a shutdown hook");
        }, "hook-jul"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pause(delay);
            throw new IllegalStateException("shutdown hook died");
        }, "hook-dies"));
        LOG.warn("a warning, not an error, before exit");
        System.out.println("main: done");
        if (args.length > 1 && args[1].equals("exit")) {
            System.exit(3);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
