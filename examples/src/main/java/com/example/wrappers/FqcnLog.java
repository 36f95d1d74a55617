package com.example.wrappers;

import org.slf4j.LoggerFactory;
import org.slf4j.spi.LocationAwareLogger;

/**
 * A facade that tells SLF4J where it ends, as facades do for the framework's own caller data
 * ({@code %caller}, {@code %L}): its class name as the FQCN of {@code LocationAwareLogger.log}.
 */
public final class FqcnLog {
    private static final String FQCN = FqcnLog.class.getName();
    private static final LocationAwareLogger LOG = (LocationAwareLogger) LoggerFactory.getLogger("com.example.wrappers.shipping");

    private FqcnLog() {
    }

    public static void error(String template, Object... args) {
        LOG.log(null, FQCN, LocationAwareLogger.ERROR_INT, template, args, null); // faultline-it: fqcn-helper
    }
}
