package dev.faultline.capture;

import java.util.List;

/**
 * Decides whether a frame is the application's own code. With {@code app-packages} set, exactly
 * those prefixes; otherwise everything but the JDK, the agent and the logging frameworks.
 */
final class InAppRule {
    private static final String[] NEVER_IN_APP = {
        "java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.faultline.",
        "ch.qos.logback.", "org.slf4j.", "org.apache.logging.", "org.apache.log4j.",
        "org.apache.commons.logging.", "org.jboss.logging.",
    };

    private final List<String> appPackages;

    InAppRule(List<String> appPackages) {
        this.appPackages = appPackages;
    }

    boolean inApp(String className) {
        if (className == null) {
            return false;
        }
        if (!appPackages.isEmpty()) {
            return matchingPrefix(className) != null;
        }
        for (String prefix : NEVER_IN_APP) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** The app-packages prefix {@code className} falls under, or null. */
    String matchingPrefix(String className) {
        for (String prefix : appPackages) {
            if (className.equals(prefix) || className.startsWith(prefix.endsWith(".") ? prefix : prefix + ".")) {
                return prefix;
            }
        }
        return null;
    }
}
