package dev.faultline.instrument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The one table of capture paths: each row is a {@code capture.<path>} switch, the types it
 * weaves (internal class name to instrumentation class), the packages whose frames are the
 * framework's own, and whether it is a logging path. {@code Targets}, the configuration keys,
 * the in-app rule and the repeat rule of {@code SeenThrowables} are derived from it; adding a
 * framework is one instrumentation class plus one row here.
 *
 * <p>Plain strings and arrays only: premain reads this table (for the switches and for the name
 * look-up run on every class load), so loading it must load neither Byte Buddy nor any
 * instrumentation class. No lambdas either: this runs before the application's main.
 */
public final class CapturePaths {
    private static final String PACKAGE = "dev.faultline.instrument.";

    /** Logging APIs that forward to one of the paths below and have no hook of their own. */
    private static final String[] FACADES = {"org.slf4j.", "org.apache.commons.logging.", "org.jboss.logging."};

    private static final CapturePath[] ALL = {
        logging("logback")
                .weaves("ch/qos/logback/classic/Logger", "logback.LogbackInstrumentation")
                .owns("ch.qos.logback."),
        logging("log4j2")
                .weaves("org/apache/logging/log4j/core/Logger", "log4j2.Log4j2Instrumentation")
                .weaves("org/apache/logging/log4j/core/async/AsyncLogger", "log4j2.Log4j2Instrumentation")
                // log4j-to-slf4j: holds the template for the SLF4J backend's hook, captures nothing itself.
                .weaves("org/apache/logging/slf4j/SLF4JLogger", "log4j2.Log4jToSlf4jInstrumentation")
                .owns("org.apache.logging."),
        logging("jul")
                .weaves("java/util/logging/Logger", "jul.JulInstrumentation")
                // SLF4J's replay of what it queued while initialising: a JUL record held and captured
                // then is not captured again when replayed into the backend.
                .weaves("org/slf4j/event/SubstituteLoggingEvent", "jul.Slf4jReplayInstrumentation")
                .weaves("org/slf4j/LoggerFactory", "jul.Slf4jReplayInstrumentation")
                .owns("java.util.logging."),
        logging("log4j1")
                .weaves("org/apache/log4j/Category", "log4j1.Log4j1Instrumentation")
                .owns("org.apache.log4j."),
        errors("uncaught")
                .weaves("java/lang/Thread", "uncaught.UncaughtInstrumentation"),
        errors("executor")
                .weaves("java/util/concurrent/FutureTask", "executor.FutureTaskInstrumentation")
                .weaves("java/util/concurrent/CompletableFuture", "executor.CompletableFutureInstrumentation"),
        errors("http")
                .weaves("com/sun/net/httpserver/Filter$Chain", "httpserver.HttpServerInstrumentation")
                .weaves("javax/servlet/http/HttpServlet", "servlet.ServletInstrumentation")
                .weaves("jakarta/servlet/http/HttpServlet", "servlet.ServletInstrumentation")
                .weaves("org/springframework/web/servlet/DispatcherServlet", "spring.SpringMvcInstrumentation"),
    };

    private static final List<String> NAMES;
    private static final List<String> FRAMEWORK_PACKAGES;

    static {
        List<String> names = new ArrayList<String>();
        List<String> packages = new ArrayList<String>(Arrays.asList(FACADES));
        for (CapturePath path : ALL) {
            names.add(path.name);
            packages.addAll(path.packages);
        }
        NAMES = Collections.unmodifiableList(names);
        FRAMEWORK_PACKAGES = Collections.unmodifiableList(packages);
    }

    private CapturePaths() {
    }

    /** Every path name, in the reference order of the {@code capture.<path>} keys. */
    public static List<String> names() {
        return NAMES;
    }

    /** The JDK's package prefixes: never in-app, never a call site. */
    public static final List<String> JDK_PACKAGES =
            Collections.unmodifiableList(java.util.Arrays.asList("java.", "javax.", "jdk.", "sun.", "com.sun."));

    /**
     * Package prefixes ({@code ch.qos.logback.}) whose frames are a logging framework's own, the
     * facades' included: never in-app, never a call site. JDK packages are not listed.
     */
    public static List<String> frameworkPackages() {
        return FRAMEWORK_PACKAGES;
    }

    /**
     * True for the {@code source} of a path that is not a logging path (uncaught, executor,
     * http); false for a logging path and for a name that is no path.
     */
    public static boolean isErrorPath(String source) {
        for (CapturePath path : ALL) {
            if (path.name.equals(source)) {
                return !path.logging;
            }
        }
        return false;
    }

    /**
     * Adds the woven types of {@code path} (internal class name to instrumentation class name).
     *
     * @throws IllegalArgumentException when there is no such path
     */
    public static void targetsOf(String path, Map<String, String> into) {
        for (CapturePath p : ALL) {
            if (p.name.equals(path)) {
                for (int i = 0; i < p.targets.size(); i += 2) {
                    into.put(p.targets.get(i), PACKAGE + p.targets.get(i + 1));
                }
                return;
            }
        }
        throw new IllegalArgumentException("no capture path \"" + path + "\"");
    }

    private static CapturePath logging(String name) {
        return new CapturePath(name, true);
    }

    private static CapturePath errors(String name) {
        return new CapturePath(name, false);
    }

    /** One row. Built once, in the static initialiser above, and never changed afterwards. */
    private static final class CapturePath {
        final String name;
        final boolean logging;
        /** Pairs: internal class name, instrumentation class name relative to this package. */
        final List<String> targets = new ArrayList<String>();
        final List<String> packages = new ArrayList<String>();

        CapturePath(String name, boolean logging) {
            this.name = name;
            this.logging = logging;
        }

        CapturePath weaves(String internalName, String instrumentation) {
            targets.add(internalName);
            targets.add(instrumentation);
            return this;
        }

        CapturePath owns(String packagePrefix) {
            packages.add(packagePrefix);
            return this;
        }
    }
}
