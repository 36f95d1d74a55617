package com.example.bridges;

import java.util.logging.Level;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * One error through each logging API an application may mix: SLF4J, the Log4j2 API, JUL (routed
 * to SLF4J by jul-to-slf4j) and commons-logging. Whatever backend the class path provides, each
 * call is one stored occurrence.
 */
final class BridgedCalls {
    private BridgedCalls() {
    }

    static void run() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        IllegalStateException e = new IllegalStateException("bridge test");
        org.slf4j.LoggerFactory.getLogger("bridges.slf4j").error("through slf4j {}", 1, e);
        org.apache.logging.log4j.LogManager.getLogger("bridges.log4j2").error("through the log4j2 api {}", 2, e);
        java.util.logging.Logger.getLogger("bridges.jul").log(Level.SEVERE, "through jul", e);
        org.apache.commons.logging.LogFactory.getLog("bridges.jcl").error("through commons-logging", e);
        System.out.println("bridges: done");
    }
}
