package dev.faultline.instrument;

import dev.faultline.config.Config;
import java.util.HashMap;
import java.util.Map;

/**
 * Which class names are woven, by which instrumentation, under which {@code capture.<path>}
 * switch. Plain strings: this table is consulted for every class the JVM loads, so matching is a
 * hash look-up of the internal name, and no instrumentation (nor Byte Buddy) is loaded before
 * one of these names actually turns up.
 */
public final class Targets {
    private Targets() {
    }

    /** Internal class name ({@code a/b/C}) to instrumentation class name, for enabled paths. */
    public static Map<String, String> enabled(Config config) {
        Map<String, String> targets = new HashMap<String, String>();
        if (config.capture("logback")) {
            targets.put("ch/qos/logback/classic/Logger", "dev.faultline.instrument.logback.LogbackInstrumentation");
        }
        if (config.capture("log4j2")) {
            String log4j2 = "dev.faultline.instrument.log4j2.Log4j2Instrumentation";
            targets.put("org/apache/logging/log4j/core/Logger", log4j2);
            targets.put("org/apache/logging/log4j/core/async/AsyncLogger", log4j2);
        }
        if (config.capture("log4j1")) {
            targets.put("org/apache/log4j/Category", "dev.faultline.instrument.log4j1.Log4j1Instrumentation");
        }
        if (config.capture("jul")) {
            targets.put("java/util/logging/Logger", "dev.faultline.instrument.jul.JulInstrumentation");
        }
        if (config.capture("uncaught")) {
            targets.put("java/lang/Thread", "dev.faultline.instrument.uncaught.UncaughtInstrumentation");
        }
        if (config.capture("executor")) {
            targets.put("java/util/concurrent/FutureTask", "dev.faultline.instrument.executor.FutureTaskInstrumentation");
            targets.put("java/util/concurrent/CompletableFuture", "dev.faultline.instrument.executor.CompletableFutureInstrumentation");
        }
        if (config.capture("http")) {
            targets.put("com/sun/net/httpserver/Filter$Chain", "dev.faultline.instrument.httpserver.HttpServerInstrumentation");
            String servlet = "dev.faultline.instrument.servlet.ServletInstrumentation";
            targets.put("javax/servlet/http/HttpServlet", servlet);
            targets.put("jakarta/servlet/http/HttpServlet", servlet);
            targets.put("org/springframework/web/servlet/DispatcherServlet", "dev.faultline.instrument.spring.SpringMvcInstrumentation");
        }
        return targets;
    }
}
