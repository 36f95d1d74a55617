package com.example.grouping;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same errors on every run, for the group lifecycle: an import bug reached from two lines of
 * one method (one group, two occurrences), a cart bug, an inventory bug, and a report failure
 * logged without a throwable from two lines of one method (one group, two occurrences).
 */
public class GroupingApp {
    private static final Logger log = LoggerFactory.getLogger(GroupingApp.class);

    public static void main(String[] args) {
        ImportJob job = new ImportJob();
        for (String[] row : new String[][] {{"x", "1"}, {"2", "y"}}) {
            try {
                job.importRow(row[0], row[1]);
            } catch (NumberFormatException e) {
                log.error("import of row failed", e);
            }
        }
        try {
            Cart.total(null);
        } catch (NullPointerException e) {
            log.error("cart total failed", e);
        }
        try {
            Inventory.reserve("sku-1");
        } catch (IllegalStateException e) {
            log.error("reservation failed", e);
        }
        Reports.nightly();
        System.out.println("grouping: done");
    }

    static final class Cart {
        static int total(int[] prices) {
            return prices.length;
        }
    }

    static final class Inventory {
        static void reserve(String sku) {
            throw new IllegalStateException("no stock for " + sku);
        }
    }

    static final class Reports {
        static void nightly() {
            log.error("report {} failed", "sales");
            log.error("report {} failed", "stock");
        }
    }
}
