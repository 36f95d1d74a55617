package com.example.grouping;

import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * An error storm: 100 000 identical failures (or as many as the first argument says), each a new
 * exception, logged as fast as the loop runs. With a second argument {@code gated}, it first logs
 * one other error, prints {@code storm: ready} and waits for a line on stdin (so a test can let
 * the agent connect before the storm). The console appender is detached first (100 000 stack traces would only fill the test's
 * output); the logging calls still go through Logback as usual.
 */
public class StormApp {
    static final int ERRORS = 100_000;
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(StormApp.class);

    public static void main(String[] args) throws java.io.IOException {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAndStopAllAppenders();
        int errors = args.length > 0 ? Integer.parseInt(args[0]) : ERRORS;
        if (args.length > 1 && args[1].equals("gated")) {
            log.error("storm about to start");
            System.out.println("storm: ready");
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
        }
        for (int i = 0; i < errors; i++) {
            try {
                charge(i);
            } catch (IllegalStateException e) {
                log.error("charge failed", e);
            }
        }
        System.out.println("storm: done");
    }

    private static void charge(int attempt) {
        throw new IllegalStateException("card gateway unavailable");
    }
}
