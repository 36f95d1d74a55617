package com.example.grouping;

import java.net.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One failure, the same type from the same line, against two upstream hosts (the MDC key
 * {@code upstream_host}, given as arguments): built-in grouping makes it one group, a grouping
 * rule on {@code context.upstream_host} one group per host.
 */
public class UpstreamApp {
    private static final Logger log = LoggerFactory.getLogger(UpstreamApp.class);

    public static void main(String[] args) {
        for (String host : args) {
            MDC.put("upstream_host", host);
            try {
                call(host);
            } catch (ConnectException e) {
                log.error("upstream call failed", e);
            } finally {
                MDC.remove("upstream_host");
            }
        }
        System.out.println("upstream: done");
    }

    private static void call(String host) throws ConnectException {
        throw new ConnectException("connection refused: " + host);
    }
}
