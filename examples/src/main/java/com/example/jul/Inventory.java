package com.example.jul;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Logs through java.util.logging only. */
public class Inventory {
    private static final Logger log = Logger.getLogger(Inventory.class.getName());

    public void load(String warehouse) {
        try {
            parse("count=seven");
        } catch (NumberFormatException e) {
            log.log(Level.SEVERE, "cannot load stock of " + warehouse, e); // faultline-it: jul-with-exception
        }
        log.log(Level.SEVERE, "{0} items missing in {1}", new Object[] {4, warehouse}); // faultline-it: jul-params
        log.warning("stock file is old"); // faultline-it: jul-warning
        log.info("stock loaded");
    }

    private static int parse(String line) {
        return Integer.parseInt(line.substring(line.indexOf('=') + 1)); // faultline-it: jul-root-cause
    }
}
