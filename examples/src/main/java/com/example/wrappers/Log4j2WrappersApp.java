package com.example.wrappers;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.spi.ExtendedLogger;

/**
 * A Log4j2 facade that hands the framework its FQCN ({@code ExtendedLogger.logIfEnabled(fqcn, ..)}),
 * one template from two methods, calls interleaved ten times. Exits normally.
 */
public class Log4j2WrappersApp {
    /** The facade. */
    static final class Facade {
        private static final String FQCN = Facade.class.getName();
        private static final ExtendedLogger LOG = (ExtendedLogger) LogManager.getLogger("com.example.wrappers.picking");

        static void error(String template, Object... args) {
            LOG.logIfEnabled(FQCN, Level.ERROR, null, template, args); // faultline-it: log4j2-helper
        }
    }

    static void pick(int i) {
        Facade.error("pick {} failed", "pick-" + i); // faultline-it: pick
    }

    static void pack(int i) {
        Facade.error("pick {} failed", "pack-" + i); // faultline-it: pack
    }

    public static void main(String[] args) {
        System.setProperty("log4j2.configurationFile", "log4j2-sync.xml");
        for (int i = 0; i < 10; i++) {
            pick(i);
            pack(i);
        }
        System.out.println("log4j2 wrappers: done");
    }
}
