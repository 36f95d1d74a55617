package com.example.log4j2;

/** A supplier call that fails. */
class Supplier {
    void order(String sku) {
        throw new IllegalStateException("supplier rejected " + sku); // faultline-it: log4j2-root-cause
    }
}
