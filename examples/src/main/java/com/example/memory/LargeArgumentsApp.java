package com.example.memory;

import ch.qos.logback.classic.Logger;
import java.util.Arrays;
import org.slf4j.LoggerFactory;

/**
 * The example of issue 12: in a small heap ({@code -Xmx64m}), 1000 errors, each with a fresh
 * 64 KiB String argument and an exception, and no appender. Without an agent it exits at once.
 * The first argument, if given, is the body's length in characters instead of 64 KiB; a second
 * argument {@code mdc} also puts the body into the MDC for the call (removed after it).
 */
public class LargeArgumentsApp {
    static final int ERRORS = 1000;
    static final int BODY_CHARS = 64 * 1024;
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(LargeArgumentsApp.class);

    public static void main(String[] args) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAndStopAllAppenders();
        int bodyChars = args.length > 0 ? Integer.parseInt(args[0]) : BODY_CHARS;
        boolean mdc = args.length > 1 && args[1].equals("mdc");
        for (int i = 0; i < ERRORS; i++) {
            char[] chars = new char[bodyChars];
            Arrays.fill(chars, (char) ('a' + i % 26));
            String body = new String(chars);
            try {
                send(i);
            } catch (IllegalStateException ex) {
                if (mdc) {
                    org.slf4j.MDC.put("payload", body);
                }
                log.error("upstream rejected request {}: {}", i, body, ex);
                org.slf4j.MDC.remove("payload");
            }
        }
        System.out.println("large arguments: done");
    }

    private static void send(int request) {
        throw new IllegalStateException("upstream returned 413 for request " + request);
    }
}
