package com.example.sites;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logger and one template, logged without a throwable from two methods, twice from the
 * second, and once 120 frames deep (as under a web framework); the same template at WARN is not
 * an error. Exits normally.
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

    public static void main(String[] args) {
        restock("sku-1");
        audit("sku-2");
        audit("sku-3");
        deep(120, "sku-4");
        System.out.println("sites: done");
    }
}
