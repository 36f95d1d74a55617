package com.example.log4j2;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.spi.ObjectThreadContextMap;

/**
 * Log4j2 with {@code log4j2.threadContextMap=GarbageFree} (set first thing in main): an object whose {@code toString()}
 * throws in the ThreadContext, then errors whose parts cannot all be read. The application's own
 * log carries on; so must the record.
 */
public class HostileContextApp {
    /** A value that cannot be turned into text. */
    static final class Unprintable {
        @Override
        public String toString() {
            throw new IllegalStateException("no text for you");
        }
    }

    public static void main(String[] args) {
        System.setProperty("log4j2.threadContextMap", "GarbageFree");
        System.setProperty("log4j2.configurationFile", "log4j2-sync.xml");
        Logger log = LogManager.getLogger("hostile.context");
        ThreadContext.put("tenant", "acme");
        ((ObjectThreadContextMap) ThreadContext.getThreadContextMap()).putValue("cart", new Unprintable());
        log.error("order {} failed", 41);
        ThreadContext.clearMap();
        log.error("order {} failed for {}", 42, new Unprintable());
        log.error(new Unprintable());
        log.error("order {} failed", 43);
        System.out.println("log4j2: done");
    }
}
