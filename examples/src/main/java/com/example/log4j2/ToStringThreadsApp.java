package com.example.log4j2;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A {@code {}} message with Log4j2's thread-local (reusable) messages, on by default outside a web
 * application, and an argument that counts the threads its {@code toString()} runs on: Log4j2's
 * console appender makes its text once on the logging thread; the agent's copy of it is made on
 * its own thread, never on the application's. Prints {@code toString on main: N}.
 */
public class ToStringThreadsApp {
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    static final class Order {
        @Override
        public String toString() {
            CALLS.computeIfAbsent(Thread.currentThread().getName(), t -> new AtomicInteger()).incrementAndGet();
            return "order 7";
        }
    }

    public static void main(String[] args) {
        Logger log = LogManager.getLogger("shop.Checkout");
        log.error("checkout of {} failed", new Order());
        Thread main = Thread.currentThread();
        System.out.println("toString on main: " + CALLS.getOrDefault(main.getName(), new AtomicInteger()).get());
    }
}
