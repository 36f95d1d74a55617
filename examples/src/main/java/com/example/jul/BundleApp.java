package com.example.jul;

import java.util.ResourceBundle;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * JUL with a resource bundle (com/example/jul/messages.properties): each SEVERE names a message
 * key, and the console handler prints the bundle's pattern formatted with the parameters.
 */
public class BundleApp {
    private static final String BUNDLE = "com.example.jul.messages";

    public static void main(String[] args) {
        Logger localised = Logger.getLogger("jul.bundle", BUNDLE);
        Logger plain = Logger.getLogger("jul.plain");
        localised.log(Level.SEVERE, "db.down", "orders-db");
        plain.logrb(Level.SEVERE, ResourceBundle.getBundle(BUNDLE), "db.slow", "stock-db", 900);
        localised.log(Level.SEVERE, "db.plain");
        localised.log(Level.SEVERE, "db.gone {0}", "users-db");
        LogRecord nameOnly = new LogRecord(Level.SEVERE, "db.down");
        nameOnly.setResourceBundleName(BUNDLE);
        nameOnly.setParameters(new Object[] {"cache-db"});
        plain.log(nameOnly);
        // Below capture.level: a breadcrumb of the next SEVERE, shown from the bundle's pattern.
        localised.log(Level.WARNING, "db.down", "not-an-error-db");
        plain.log(Level.SEVERE, "Database {0} is down without a bundle", "audit-db");
        System.out.println("jul bundle: done");
    }
}
