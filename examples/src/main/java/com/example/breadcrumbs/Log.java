package com.example.breadcrumbs;

/** One logging framework behind the calls BreadcrumbsApp makes; {@code {}} anchors as in SLF4J. */
abstract class Log {
    abstract void debug(String message);

    abstract void info(String template, Object... args);

    abstract void warn(String template, Object arg);

    abstract void error(String message, Throwable t);

    abstract void error(String message);

    static Log of(String framework) {
        switch (framework) {
            case "logback":
                return new Slf4jLog();
            case "log4j2":
                System.setProperty("log4j2.configurationFile", "log4j2-sync.xml");
                return new Log4j2Log();
            case "jul":
                return new JulLog();
            case "log4j1":
                return new Log4j1Log();
            default:
                throw new IllegalArgumentException(framework);
        }
    }

    /** The template with each {@code {}} replaced by an argument, for Log4j 1 (no parameters). */
    static String concat(String template, Object... args) {
        StringBuilder b = new StringBuilder(template);
        for (Object a : args) {
            int i = b.indexOf("{}");
            b.replace(i, i + 2, String.valueOf(a));
        }
        return b.toString();
    }

    /** JUL's anchors are {@code {0}}, {@code {1}}, ... */
    static String numbered(String template) {
        StringBuilder b = new StringBuilder(template);
        for (int n = 0, i; (i = b.indexOf("{}")) >= 0; n++) {
            b.replace(i, i + 2, "{" + n + "}");
        }
        return b.toString();
    }

    static final class Slf4jLog extends Log {
        private final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("com.example.breadcrumbs.Checkout");

        void debug(String message) {
            log.debug(message);
        }

        void info(String template, Object... args) {
            log.info(template, args);
        }

        void warn(String template, Object arg) {
            log.warn(template, arg);
        }

        void error(String message, Throwable t) {
            log.error(message, t);
        }

        void error(String message) {
            log.error(message);
        }
    }

    static final class Log4j2Log extends Log {
        private final org.apache.logging.log4j.Logger log =
                org.apache.logging.log4j.LogManager.getLogger("com.example.breadcrumbs.Checkout");

        void debug(String message) {
            log.debug(message);
        }

        void info(String template, Object... args) {
            log.info(template, args);
        }

        void warn(String template, Object arg) {
            log.warn(template, arg);
        }

        void error(String message, Throwable t) {
            log.error(message, t);
        }

        void error(String message) {
            log.error(message);
        }
    }

    static final class JulLog extends Log {
        private final java.util.logging.Logger log = java.util.logging.Logger.getLogger("com.example.breadcrumbs.Checkout");

        void debug(String message) {
            log.fine(message);
        }

        void info(String template, Object... args) {
            log.log(java.util.logging.Level.INFO, numbered(template), args);
        }

        void warn(String template, Object arg) {
            log.log(java.util.logging.Level.WARNING, numbered(template), arg);
        }

        void error(String message, Throwable t) {
            log.log(java.util.logging.Level.SEVERE, message, t);
        }

        void error(String message) {
            log.severe(message);
        }
    }

    static final class Log4j1Log extends Log {
        private final org.apache.log4j.Logger log;

        Log4j1Log() {
            org.apache.log4j.BasicConfigurator.configure();
            org.apache.log4j.Logger.getRootLogger().setLevel(org.apache.log4j.Level.INFO);
            log = org.apache.log4j.Logger.getLogger("com.example.breadcrumbs.Checkout");
        }

        void debug(String message) {
            log.debug(message);
        }

        void info(String template, Object... args) {
            log.info(concat(template, args));
        }

        void warn(String template, Object arg) {
            log.warn(concat(template, arg));
        }

        void error(String message, Throwable t) {
            log.error(message, t);
        }

        void error(String message) {
            log.error(message);
        }
    }
}
