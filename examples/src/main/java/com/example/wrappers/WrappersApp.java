package com.example.wrappers;

/**
 * Errors without an exception logged through the application's own helpers, each template from
 * two methods, calls interleaved ten times: a plain helper named in log-wrappers ({@link Log}), a
 * facade that hands SLF4J its FQCN ({@link FqcnLog}), a JUL facade that sets the record's source
 * ({@link JulSource}), and a helper that does neither ({@link Unlisted}). Logback. Exits normally.
 */
public class WrappersApp {
    static void charge(int i) {
        Log.error("payment {} declined", "charge-" + i); // faultline-it: charge
    }

    static void refund(int i) {
        Log.error("payment {} declined", "refund-" + i); // faultline-it: refund
    }

    static void ship(int i) {
        FqcnLog.error("parcel {} lost", "ship-" + i); // faultline-it: ship
    }

    static void giveBack(int i) {
        FqcnLog.error("parcel {} lost", "return-" + i); // faultline-it: giveBack
    }

    static void audit(int i) {
        JulSource.severe(WrappersApp.class.getName(), "audit", "audit trail broken"); // faultline-it: audit
    }

    static void recount(int i) {
        JulSource.severe(WrappersApp.class.getName(), "recount", "audit trail broken"); // faultline-it: recount
    }

    static void first(int i) {
        Unlisted.error("cache {} stale", "first-" + i);
    }

    static void second(int i) {
        Unlisted.error("cache {} stale", "second-" + i);
    }

    public static void main(String[] args) {
        for (int i = 0; i < 10; i++) {
            charge(i);
            refund(i);
            ship(i);
            giveBack(i);
            audit(i);
            recount(i);
            first(i);
            second(i);
        }
        System.out.println("wrappers: done");
    }
}
