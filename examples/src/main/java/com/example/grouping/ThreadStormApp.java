package com.example.grouping;

import ch.qos.logback.classic.Logger;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * An error storm from several threads: each logs its share of the same failure (a new exception
 * each time) as fast as its loop runs, and every thousandth time one error of its own that
 * happens once (a distinct message template, so a group of its own). No appender. Arguments:
 * the storm's total (default 20 000), the threads (default 4), and {@code concatenated} to build
 * the failure's message by concatenation ({@code "charge " + i + " failed"}) instead of a template,
 * or {@code concatenated-message} to do so and log it without the exception, or {@code two-places}
 * to throw every fourth failure from another method ({@code refund}: another group, logged by the
 * same call with the same template).
 */
public class ThreadStormApp {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(ThreadStormApp.class);

    public static void main(String[] args) throws InterruptedException {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAndStopAllAppenders();
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        String mode = args.length > 2 ? args[2] : "template";
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            int share = total / threads + (t < total % threads ? 1 : 0);
            Thread worker = new Thread(() -> storm(thread, share, mode), "storm-" + t);
            worker.start();
            started.add(worker);
        }
        for (Thread worker : started) {
            worker.join();
        }
        System.out.println("thread storm: done");
    }

    private static void storm(int thread, int share, String mode) {
        for (int i = 0; i < share; i++) {
            try {
                if (mode.equals("two-places") && i % 4 == 0) {
                    refund(i);
                } else {
                    charge(i);
                }
            } catch (IllegalStateException e) {
                if (mode.equals("concatenated")) {
                    log.error("charge " + i + " failed", e);
                } else if (mode.equals("concatenated-message")) {
                    log.error("charge " + i + " failed");
                } else {
                    log.error("charge failed", e);
                }
            }
            if (i % 1000 == 999) {
                // Spelt in letters: a word with a digit is any number to grouping (one group).
                log.error("distinct failure " + (char) ('a' + thread) + "-" + (char) ('a' + i / 1000 % 26) + (char) ('a' + i / 26_000));
            }
        }
    }

    private static void charge(int attempt) {
        throw new IllegalStateException("card gateway unavailable");
    }

    private static void refund(int attempt) {
        throw new IllegalStateException("card gateway unavailable");
    }
}
