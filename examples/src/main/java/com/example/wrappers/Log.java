package com.example.wrappers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The application's own logging helper: named in log-wrappers, it says nothing to the framework. */
public final class Log {
    private static final Logger LOG = LoggerFactory.getLogger("com.example.wrappers.payments");

    private Log() {
    }

    public static void error(String template, Object... args) {
        LOG.error(template, args); // faultline-it: plain-helper
    }
}
