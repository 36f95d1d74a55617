package com.example.shutdown;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers one shutdown hook that logs an error through JUL, and returns at once: the JVM starts
 * its shutdown a few milliseconds after premain, before the agent's own threads have done
 * anything, and the hook's error must still be stored.
 */
public class QuickExitHookApp {
    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Logger.getLogger("shutdown.quick")
                .log(Level.SEVERE, "error in the hook of a JVM that ended at once", new IllegalStateException("closing")), "hook-quick"));
    }
}
