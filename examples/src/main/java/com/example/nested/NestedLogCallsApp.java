package com.example.nested;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors logged while another error is being logged: an argument whose {@code toString()} logs
 * (run by the application's own appender as it formats the message) and, with Logback, an
 * appender that logs when it cannot do its work. The logging frameworks themselves drop such a
 * call for the appender already busy on the thread; each is still an error the application made.
 *
 * <p>Argument: {@code slf4j} (Logback or Log4j2 behind SLF4J, whichever is on the class path),
 * {@code jul} (JUL's console handler) or {@code jul-bridged} (JUL through jul-to-slf4j).
 */
public class NestedLogCallsApp {
    /** An order whose text cannot be made without logging that its state is broken. */
    static final class Order {
        @Override
        public String toString() {
            LoggerFactory.getLogger("shop.Order").error("order 7 has no customer"); // faultline-it: nested-slf4j-tostring
            return "order 7";
        }
    }

    /** An invoice whose text is made with a log call of the caller's own logger, no exception. */
    static final class Invoice {
        @Override
        public String toString() {
            LoggerFactory.getLogger("shop.Orders").error("invoice 9 has no lines"); // faultline-it: nested-slf4j-same-logger
            return "invoice 9";
        }
    }

    /** A value whose text is made with a log call that logs the value itself: recursion the frameworks stop. */
    static final class SelfLogging {
        @Override
        public String toString() {
            LoggerFactory.getLogger("shop.Render").error("rendering {}", this);
            return "self";
        }
    }

    /** The same for JUL. */
    static final class Parcel {
        @Override
        public String toString() {
            java.util.logging.Logger.getLogger("shop.Parcel").severe("parcel 9 has no address"); // faultline-it: nested-jul-tostring
            return "parcel 9";
        }
    }

    /** A Logback appender that logs an error of its own for every payment error it is given. */
    static final class AuditAppender extends AppenderBase<ILoggingEvent> {
        /** Adds one to Logback's root logger (Logback only: this class needs it). */
        static void install() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            AuditAppender audit = new AuditAppender();
            audit.setContext(context);
            audit.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(audit);
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLoggerName().equals("shop.Payments")) {
                LoggerFactory.getLogger("shop.Audit").error("audit trail unavailable"); // faultline-it: nested-appender
            }
        }
    }

    /** A parameter whose toString() logs an error of its own with the same logger as the call. */
    static final class Receipt {
        @Override
        public String toString() {
            // The location of an error with an exception is where the exception was made.
            IllegalArgumentException noTotal = new IllegalArgumentException("no total"); // faultline-it: nested-jul-same-logger
            java.util.logging.Logger.getLogger("shop.Billing").log(Level.SEVERE, "receipt unreadable", noTotal);
            return "receipt 3";
        }
    }

    /**
     * JUL through jul-to-slf4j into Logback: a parameter's toString() that logs with the call's own
     * logger, a record without a logger name, and the anonymous logger's record.
     */
    static void julBridged() {
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        Object[] receipt = {new Receipt()};
        java.util.logging.Logger.getLogger("shop.Billing").log(Level.SEVERE, "billing of {0} failed", receipt); // faultline-it: nested-jul-billing
        java.util.logging.LogRecord unnamed = new java.util.logging.LogRecord(Level.SEVERE, "unnamed record failed");
        java.util.logging.Logger.getLogger("shop.Unnamed").log(unnamed); // faultline-it: nested-jul-unnamed
        java.util.logging.Logger.getAnonymousLogger().severe("anonymous logger failed"); // faultline-it: nested-jul-anonymous
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("self")) {
            LoggerFactory.getLogger("shop.Orders").error("order {} failed", new SelfLogging());
        } else if (args.length > 0 && args[0].equals("jul-bridged")) {
            julBridged();
        } else if (args.length > 0 && args[0].equals("jul")) {
            java.util.logging.Logger.getLogger("shop.Shipping").log(Level.SEVERE, "shipping of {0} failed", new Parcel()); // faultline-it: nested-jul-outer
        } else {
            Logger orders = LoggerFactory.getLogger("shop.Orders");
            orders.error("order {} failed", new Order()); // faultline-it: nested-slf4j-outer
            orders.error("billing of {} failed", new Invoice()); // faultline-it: nested-slf4j-billing
            if (LoggerFactory.getILoggerFactory().getClass().getName().startsWith("ch.qos.logback.")) {
                AuditAppender.install();
                LoggerFactory.getLogger("shop.Payments").error("payment declined"); // faultline-it: nested-payment
            }
        }
        System.out.println("nested log calls: done");
    }
}
