package com.example.breadcrumbs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The same story told through one logging framework (the first argument: logback, log4j2, jul,
 * log4j1): log events that lead up to two errors, one from another thread in between, one below
 * the logger's level, then a failing web request on a server thread that served another request
 * first. Each error should carry the events of its own thread (and request) before it. With a
 * second argument {@code executor}, last a task that logs and fails on a pool thread, its
 * future never read.
 */
public class BreadcrumbsApp {
    enum Status { LOCKED }

    public static void main(String[] args) throws Exception {
        Log log = Log.of(args[0]);
        log.debug("debug is off here");
        log.info("loading order {} for {} ({})", 7, "alice", Status.LOCKED);
        log.warn("payload {}", "x".repeat(64 * 1024));
        Thread other = new Thread(() -> log.info("another thread's step {}", 1), "other");
        other.start();
        other.join();
        try {
            charge();
        } catch (IllegalStateException e) {
            log.error("payment failed", e);
        }
        log.info("after the first error");
        log.error("second failure");
        serveTwoRequests(log);
        if (args.length > 1 && args[1].equals("executor")) {
            failInAPool(log);
        }
        System.out.println("breadcrumbs: done");
    }

    private static void failInAPool(Log log) throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "worker"));
        Runnable task = () -> {
            log.info("task step {}", 1);
            throw new IllegalStateException("task failed");
        };
        pool.submit(task);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }

    private static void charge() {
        throw new IllegalStateException("card declined");
    }

    /** Request A logs and succeeds, request B logs and fails, both on the server's one thread. */
    private static void serveTwoRequests(Log log) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/a", exchange -> {
            log.info("request a step");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/b", exchange -> {
            log.info("request b step");
            throw new IllegalArgumentException("request b is invalid");
        });
        server.start();
        int port = server.getAddress().getPort();
        call(port, "/a");
        call(port, "/b");
        server.stop(0);
    }

    private static void call(int port, String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // until the server closes (or drops) the connection
            }
        }
    }
}
