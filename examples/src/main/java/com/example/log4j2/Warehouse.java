package com.example.log4j2;

import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;

/**
 * Logs through the Log4j2 API: an error with a throwable, ThreadContext and a marker, an error
 * without a throwable, one through the LogBuilder, and a warning and info that stay below ERROR.
 */
public class Warehouse {
    private static final Logger log = LogManager.getLogger(Warehouse.class);
    private static final Marker AUDIT = MarkerManager.getMarker("AUDIT");

    public void restock(String sku) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("job_id", "job-12").put("user_id", "user-5")) {
            try {
                new Supplier().order(sku);
            } catch (IllegalStateException e) {
                log.error(AUDIT, "restock failed for sku {}", sku, e); // faultline-it: log4j2-with-exception
                // Same thread, same (reusable) message object, other arguments: must not leak into the error above.
                log.info("moving on after sku {}", "Z-99");
            }
        }
    }

    public void check() {
        log.warn("stock check is slow");
        log.error("stock below minimum: {} units", 3); // faultline-it: log4j2-without-exception
        log.atError().log("reservation expired for order {}", 55); // faultline-it: log4j2-builder
    }
}
