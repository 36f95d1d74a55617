package com.example.shop;

/**
 * The Logback example: a checkout whose payment fails (an error with a cause chain), a
 * reconciliation that logs an error without a throwable and a warning, and, where SLF4J 2 is
 * present, an error with key-value pairs. Exits normally.
 */
public class ShopApp {
    public static void main(String[] args) {
        OrderService orders = new OrderService();
        orders.checkout(1001);
        orders.reconcile();
        if (KeyValues.available()) {
            KeyValues.log();
        }
        System.out.println("shop: done");
    }
}
