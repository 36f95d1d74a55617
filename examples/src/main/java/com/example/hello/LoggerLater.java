package com.example.hello;

import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * Prints "ready", waits for a line on stdin, and only then logs an error through SLF4J and
 * Logback, so a test decides when Logback's {@code Logger} (a class the agent weaves) loads:
 * after the agent had time to weave it ahead of its load on a cold woven-class cache.
 */
public class LoggerLater {
    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        Later.log();
    }

    /** Apart, so that nothing of SLF4J or Logback loads with the main class. */
    static final class Later {
        static void log() {
            org.slf4j.LoggerFactory.getLogger("com.example.hello.Payments")
                    .error("payment {} declined", 42, new IllegalStateException("card expired"));
        }
    }
}
