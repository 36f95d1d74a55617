package com.example.wrappers;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** A JUL facade that names the caller as the record's source class and method, as JUL facades must. */
public final class JulSource {
    private static final Logger LOG = Logger.getLogger("com.example.wrappers.audit");

    private JulSource() {
    }

    public static void severe(String sourceClass, String sourceMethod, String message) {
        LogRecord record = new LogRecord(Level.SEVERE, message);
        record.setSourceClassName(sourceClass);
        record.setSourceMethodName(sourceMethod);
        record.setLoggerName(LOG.getName());
        LOG.log(record); // faultline-it: jul-helper
    }
}
