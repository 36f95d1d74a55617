package com.example.demo;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * One example application the demo runs with the agent: what it shows, its main class and
 * arguments, and the logging library on its class path ({@code null}: Logback, the examples'
 * default; else a folder under {@code examples/target/demo-libs}).
 */
record DemoRun(String shows, String mainClass, String libs, int expectedExit, String... args) {
    /** The database the demo writes to (-Ddemo.database=... for tests). */
    static final String DATABASE = System.getProperty("demo.database", "faultline_demo");
    /**
     * Where the applications' spools go (-Ddemo.spool-dir=... for tests: a spool left by an earlier
     * run is stored into the database of the run that finds it); unset: the agent's default.
     */
    static final String SPOOL_DIR = System.getProperty("demo.spool-dir", "");

    /** Every capture path, an error code suppressed then cleared, and a burst that becomes one group. */
    static List<DemoRun> all() {
        return List.of(
                new DemoRun("Logback (SLF4J 2, MDC, key-value pairs)", "com.example.shop.ShopApp", null, 0),
                new DemoRun("Log4j2", "com.example.log4j2.SyncApp", "log4j2", 0),
                new DemoRun("java.util.logging", "com.example.jul.JulApp", null, 0),
                new DemoRun("Log4j 1 (reload4j)", "com.example.log4j1.Log4j1App", "log4j1", 0),
                new DemoRun("uncaught exceptions (main itself fails: exit status 1)", "com.example.uncaught.UncaughtApp", null, 1),
                new DemoRun("an executor task whose failure nobody reads", "com.example.executor.ExecutorApp", null, 0),
                new DemoRun("failed web requests (JDK HTTP server)", "com.example.httpserver.HttpServerApp", null, 0),
                new DemoRun("an error code raised three times (suppressed), then cleared", "com.example.codes.CodesApp", null, 0,
                        "raise:witness_api_down_demo", "raise:witness_api_down_demo", "raise:witness_api_down_demo",
                        "clear:witness_api_down_demo"),
                new DemoRun("a burst of 500 identical errors: one group", "com.example.grouping.StormApp", null, 0, "500"));
    }

    String service() {
        return "demo-" + mainClass.substring(mainClass.lastIndexOf('.') + 1);
    }

    /** The child JVM's command line, with the agent attached. */
    List<String> command(Path agent, String uri) {
        String classPath = "examples/target/classes" + File.pathSeparator
                + (libs == null ? "examples/target/lib/*" : "examples/target/demo-libs/" + libs + "/*");
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agent,
                "-Dfaultline.mongo.uri=" + uri,
                "-Dfaultline.mongo.database=" + DATABASE,
                "-Dfaultline.service=" + service(),
                "-Dfaultline.app-packages=com.example",
                // The in-process dev MongoDB is far slower than a real one: give the last flush time.
                "-Dfaultline.shutdown.timeout=30s",
                "-Dfaultline.debug=" + Boolean.getBoolean("demo.debug")));
        if (!SPOOL_DIR.isEmpty()) {
            command.add("-Dfaultline.spool.dir=" + Paths.get(SPOOL_DIR, service()));
        }
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(List.of(args));
        return command;
    }
}
