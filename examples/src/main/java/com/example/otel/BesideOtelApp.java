package com.example.otel;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run beside the OpenTelemetry Java agent (issue 13), which changes FutureTask and
 * CompletableFuture before Faultline sees them. Says "ready", then on "fail" makes three errors:
 * a FutureTask failure and a CompletableFuture failure nobody reads, and one logged error.
 */
public class BesideOtelApp {
    private static final Logger LOG = LoggerFactory.getLogger(BesideOtelApp.class);

    public static void main(String[] args) throws Exception {
        System.out.println("ready " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"fail".equals(in.readLine())) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        pool.submit(() -> fail("task lost"));
        CompletableFuture.runAsync(() -> fail("future lost"), pool);
        LOG.error("report failed", new IllegalStateException("logged")); // faultline-it: otel-logged
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        System.gc(); // the dropped futures are collected: their failures are known to be unread
        System.out.println("done");
    }

    static String fail(String message) {
        throw new IllegalStateException(message);
    }
}
