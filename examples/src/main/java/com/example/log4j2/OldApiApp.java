package com.example.log4j2;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * Only API that Log4j2 2.0 already had (the one-argument overloads came in 2.6, so the argument
 * goes through the varargs method), for the oldest Log4j2 in the version matrix. Exits normally.
 */
public class OldApiApp {
    private static final Logger log = LogManager.getLogger(OldApiApp.class);

    public static void main(String[] args) {
        ThreadContext.put("job_id", "job-old");
        log.error("reindex failed for {}", new Object[] {"shard-3"}); // faultline-it: varargs
        log.error("reindex aborted", new IllegalStateException("disk full")); // faultline-it: throwable
        ThreadContext.clearMap();
        log.warn("reindex slow");
        System.out.println("old api: done");
    }
}
