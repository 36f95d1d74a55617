package com.example.bridges;

import java.util.logging.Level;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Errors without an exception logged through a bridge, with an MDC set through SLF4J: what the
 * API the application called knows (its template, its arguments, the caller) and what the backend
 * knows (the MDC) belong to one stored occurrence. Arguments: {@code log4j2} configures Log4j2
 * core (the SLF4J backend of log4j-slf4j2-impl); {@code log4j-jul} leaves JUL to log4j-jul's
 * LogManager instead of installing jul-to-slf4j's handler.
 */
public class BridgedDetailsApp {
    public static void main(String[] args) {
        boolean log4jJul = args.length > 0 && args[0].equals("log4j-jul");
        if (args.length > 0) {
            System.setProperty("log4j2.configurationFile", "log4j2-sync.xml");
        }
        if (!log4jJul) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        org.slf4j.MDC.put("job_id", "J-42");
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("bridges.jul");
        org.apache.logging.log4j.Logger log4j2 = org.apache.logging.log4j.LogManager.getLogger("bridges.log4j2");
        for (String user : new String[] {"alice", "bob", "carol"}) {
            jul.log(Level.SEVERE, "export for {0} failed", user); // faultline-it: bridged-jul
            log4j2.error("user {} not found", user); // faultline-it: bridged-log4j2
        }
        org.apache.commons.logging.LogFactory.getLog("bridges.jcl").error("commons-logging export failed"); // faultline-it: bridged-jcl
        System.out.println("bridged details: done");
    }
}
