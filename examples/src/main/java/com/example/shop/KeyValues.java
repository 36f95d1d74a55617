package com.example.shop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SLF4J 2 key-value pairs; only called when the SLF4J on the class path has them. */
final class KeyValues {
    private static final Logger log = LoggerFactory.getLogger(KeyValues.class);

    private KeyValues() {
    }

    static void log() {
        log.atError().addKeyValue("order_id", "1002").addKeyValue("user_id", "user-9").log("refund rejected"); // faultline-it: key-values
    }

    static boolean available() {
        try {
            Class.forName("org.slf4j.spi.LoggingEventBuilder");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
