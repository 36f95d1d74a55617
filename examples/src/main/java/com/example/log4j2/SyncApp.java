package com.example.log4j2;

/** The Log4j2 example with synchronous loggers and a console appender. */
public class SyncApp {
    public static void main(String[] args) {
        run("log4j2-sync.xml");
    }

    /** Chooses the configuration before the first logger exists, then runs the warehouse. */
    static void run(String configuration) {
        System.setProperty("log4j2.configurationFile", configuration);
        Warehouse warehouse = new Warehouse();
        warehouse.restock("A-17");
        warehouse.check();
        System.out.println("log4j2: done");
    }
}
