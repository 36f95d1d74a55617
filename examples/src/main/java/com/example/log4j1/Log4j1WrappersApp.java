package com.example.log4j1;

import org.apache.log4j.BasicConfigurator;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;

/**
 * An application's helper around Log4j 1 that hands Log4j its own class name as the FQCN
 * ({@code Category.log(fqcn, level, message, t)}), as such helpers do for Log4j's own caller data
 * ({@code %C}, {@code %L}): the call site is the helper's caller, two callers two groups.
 */
public class Log4j1WrappersApp {
    /** The helper: everything above it is logging code. */
    static final class Audit {
        private static final String FQCN = Audit.class.getName();
        private static final Logger LOG = Logger.getLogger("com.example.log4j1.audit");

        static void failed(String what) {
            LOG.log(FQCN, Level.ERROR, "audit of " + what + " failed", null); // faultline-it: log4j1-helper
        }
    }

    static void billing() {
        Audit.failed("invoice 7"); // faultline-it: log4j1-billing
    }

    static void shipping() {
        Audit.failed("parcel 9"); // faultline-it: log4j1-shipping
    }

    public static void main(String[] args) {
        BasicConfigurator.configure();
        billing();
        shipping();
        System.out.println("log4j1 wrappers: done");
    }
}
