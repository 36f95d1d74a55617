package com.example.uncaught;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Threads that die of an exception: one with its own handler, one with none, one whose error the
 * application logged before letting it escape, and finally the main thread itself (exit code 1).
 */
public class UncaughtApp {
    private static final Logger log = Logger.getLogger("com.example.uncaught.Reports");

    public static void main(String[] args) throws InterruptedException {
        Thread importer = new Thread(new Importer()::run, "importer");
        importer.setUncaughtExceptionHandler((t, e) -> System.out.println("importer handler saw: " + e.getMessage()));
        importer.start();
        importer.join();

        Thread sync = new Thread(UncaughtApp::sync, "sync-worker");
        sync.start();
        sync.join();

        Thread reports = new Thread(UncaughtApp::report, "report-worker");
        reports.start();
        reports.join();

        System.out.println("uncaught: main fails now");
        new Importer().settle(); // faultline-it: main-call
    }

    static void sync() {
        throw new IllegalArgumentException("no such account: 42"); // faultline-it: sync-throw
    }

    static void report() {
        IllegalStateException e = new IllegalStateException("report template missing");
        log.log(Level.SEVERE, "report failed", e); // the application logs it, then lets it escape
        throw e;
    }
}
