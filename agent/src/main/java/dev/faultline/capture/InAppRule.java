package dev.faultline.capture;

import dev.faultline.instrument.CapturePaths;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a frame is the application's own code. With {@code app-packages} set, exactly
 * those prefixes; otherwise everything but the JDK, the agent and the logging frameworks.
 */
final class InAppRule {
    private static final String[] NEVER_IN_APP = neverInApp();

    private final List<String> appPackages;
    /** Each prefix as a package prefix ({@code com.acme.}), made once: this runs for every frame. */
    private final String[] dotted;

    InAppRule(List<String> appPackages) {
        this.appPackages = appPackages;
        this.dotted = new String[appPackages.size()];
        for (int i = 0; i < dotted.length; i++) {
            String prefix = appPackages.get(i);
            dotted[i] = prefix.endsWith(".") ? prefix : prefix + ".";
        }
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

    /** The JDK's packages, the agent's, and every capture path's framework packages. */
    private static String[] neverInApp() {
        List<String> prefixes = new ArrayList<String>(CapturePaths.JDK_PACKAGES);
        prefixes.add("dev.faultline.");
        prefixes.addAll(CapturePaths.frameworkPackages());
        return prefixes.toArray(new String[0]);
    }

    /** The app-packages prefix {@code className} falls under, or null. */
    String matchingPrefix(String className) {
        for (int i = 0; i < dotted.length; i++) {
            String prefix = appPackages.get(i);
            if (className.equals(prefix) || className.startsWith(dotted[i])) {
                return prefix;
            }
        }
        return null;
    }
}
