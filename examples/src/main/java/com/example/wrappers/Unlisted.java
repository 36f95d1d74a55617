package com.example.wrappers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A helper neither named in log-wrappers nor naming itself to the framework: its own line is the call site. */
public final class Unlisted {
    private static final Logger LOG = LoggerFactory.getLogger("com.example.wrappers.unlisted");

    private Unlisted() {
    }

    public static void error(String template, Object... args) {
        LOG.error(template, args); // faultline-it: unlisted-helper
    }
}
