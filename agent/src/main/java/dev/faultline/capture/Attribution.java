package dev.faultline.capture;

import java.util.Map;

/**
 * Finds the code location of an event and the app it belongs to. With a throwable: the top
 * in-app frame of the root cause, else of the nearest enclosing exception that has one, else the
 * root cause's top frame. Without: the logging call site the bridge walked to.
 */
final class Attribution {
    private final InAppRule inApp;
    private final Map<String, String> apps;
    private final String service;

    Attribution(InAppRule inApp, Map<String, String> apps, String service) {
        this.inApp = inApp;
        this.apps = apps;
        this.service = service;
    }

    Location locate(ExceptionChain chain) {
        for (int i = chain.links.size() - 1; i >= 0; i--) {
            for (StackTraceElement frame : chain.links.get(i).frames) {
                if (inApp.inApp(frame.getClassName())) {
                    return Location.of(frame);
                }
            }
        }
        StackTraceElement[] root = chain.root().frames;
        return root.length > 0 ? Location.of(root[0]) : null;
    }

    /** The first in-app frame of {@code frames} (one exception's, its causes not walked), else the first; null for none. */
    Location locate(StackTraceElement[] frames) {
        for (StackTraceElement frame : frames) {
            if (inApp.inApp(frame.getClassName())) {
                return Location.of(frame);
            }
        }
        return frames.length > 0 ? Location.of(frames[0]) : null;
    }

    /**
     * The {@code apps} mapping's first matching prefix; else the package segment right after the
     * matching app-packages prefix; else the service name.
     */
    String app(String className) {
        if (className == null) {
            return service;
        }
        for (Map.Entry<String, String> e : apps.entrySet()) {
            String prefix = e.getKey();
            if (className.equals(prefix) || className.startsWith(prefix.endsWith(".") ? prefix : prefix + ".")) {
                return e.getValue();
            }
        }
        String prefix = inApp.matchingPrefix(className);
        if (prefix != null) {
            String rest = className.substring(Math.min(className.length(), prefix.length() + (prefix.endsWith(".") ? 0 : 1)));
            int dot = rest.indexOf('.');
            if (dot > 0) {
                return rest.substring(0, dot);
            }
        }
        return service;
    }
}
