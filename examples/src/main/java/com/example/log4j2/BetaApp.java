package com.example.log4j2;

import java.util.logging.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * An application on Log4j2 2.0-beta9, older than any Log4j2 the agent supports (its core Logger has
 * no {@code logMessage}): the agent leaves Log4j2 alone with one debug line and the application's
 * logging works as without the agent, while its JUL error is still stored. Exits normally.
 */
public class BetaApp {
    private static final Logger log = LogManager.getLogger(BetaApp.class);

    public static void main(String[] args) {
        log.error("reindex failed for {}", new Object[] {"shard-3"}); // varargs: the one-argument overload came in 2.6
        java.util.logging.Logger.getLogger("com.example.reindex").log(Level.SEVERE, "reindex gave up"); // faultline-it: beta-jul
        System.out.println("beta: done");
    }
}
