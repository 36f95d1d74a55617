package com.example.sites;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logger and one template, logged without a throwable from two methods, twice from the
 * second, and once 120 frames deep (as under a web framework); the same template at WARN is not
 * an error. Then a second template 40 times from one method, 40 times from another, 10 more from
 * the first; and a third 30 times from 120 frames deep. Exits normally.
 */
public class SitesApp {
    private static final Logger log = LoggerFactory.getLogger(SitesApp.class);

    static void restock(String sku) {
        log.error("stock check failed for {}", sku); // faultline-it: restock
    }

    static void audit(String sku) {
        log.warn("stock check failed for {}", sku);
        log.error("stock check failed for {}", sku); // faultline-it: audit
    }

    static void deep(int frames, String sku) {
        if (frames == 0) {
            log.error("stock check failed for {}", sku); // faultline-it: deep
        } else {
            deep(frames - 1, sku);
        }
    }

    static void pay(int i) {
        log.error("payment failed for {}", "pay-" + i); // faultline-it: pay
    }

    static void refund(int i) {
        log.error("payment failed for {}", "refund-" + i); // faultline-it: refund
    }

    static void ledger(int frames, int i) {
        if (frames == 0) {
            log.error("ledger write failed for {}", i); // faultline-it: ledger
        } else {
            ledger(frames - 1, i);
        }
    }

    public static void main(String[] args) {
        restock("sku-1");
        audit("sku-2");
        audit("sku-3");
        deep(120, "sku-4");
        // One template from one place long enough to be remembered, then from a second place.
        for (int i = 0; i < 40; i++) {
            pay(i);
        }
        for (int i = 0; i < 40; i++) {
            refund(i);
        }
        for (int i = 40; i < 50; i++) {
            pay(i);
        }
        for (int i = 0; i < 30; i++) {
            ledger(120, i);
        }
        System.out.println("sites: done");
    }
}
