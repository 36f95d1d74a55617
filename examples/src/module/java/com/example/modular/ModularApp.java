package com.example.modular;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one error with an exception through its own SLF4J, in a named module, and says which
 * module its logger lives in; Logback is left unconfigured, so anything that reaches it
 * (the agent's driver included) would print at DEBUG on stdout.
 */
public class ModularApp {
    private static final Logger LOG = LoggerFactory.getLogger(ModularApp.class);

    public static void main(String[] args) {
        System.out.println("modular: named " + ModularApp.class.getModule().isNamed()
                + ", slf4j in " + Logger.class.getModule().getName());
        LOG.error("modular app failed on purpose", new IllegalStateException("module path")); // faultline-it: modular
        System.out.println("modular: done");
    }
}
