package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts an example application in a child JVM, with or without the agent, and waits for it. The
 * stderr of a child with the agent is checked by {@link AgentInvariants} after the test class.
 */
final class AgentJvm {
    /** A JDK to run the child on. */
    enum Jdk {
        JDK17(Paths.get(System.getProperty("java.home"))),
        JDK25(Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64"));

        final Path home;

        Jdk(Path home) {
            this.home = home;
        }

        Path java() {
            Path java = home.resolve("bin").resolve("java");
            Assumptions.assumeTrue(Files.isExecutable(java),
                    "skipped: no " + name() + " at " + home + " (install it there to run these tests on it)");
            return java;
        }
    }

    record Result(int exit, String stdout, String stderr, Duration took) {
        String output() {
            return stdout + stderr;
        }
    }

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Jdk jdk;
    private final String mainClass;
    private final List<Path> classPath = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private boolean agent = true;
    private String module;
    private Path jar;
    private final List<String> agentsBefore = new ArrayList<>();
    private final List<String> agentsAfter = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();

    AgentJvm(Jdk jdk, String mainClass) {
        this.jdk = jdk;
        this.mainClass = mainClass;
        classPath.add(examplesDir().resolve("target/classes"));
    }

    static Path agentJar() {
        Path jar = Paths.get(System.getProperty("faultline.agent.jar", "../agent/target/faultline-agent.jar"));
        assertTrue(Files.isRegularFile(jar), "no agent jar at " + jar.toAbsolutePath() + ": run mvn package first");
        return jar;
    }

    static Path examplesDir() {
        return Paths.get(System.getProperty("faultline.examples.dir", "../examples"));
    }

    private static Path libsDir(String set) {
        return Paths.get(System.getProperty("faultline.libs.dir", "target/libs")).resolve(set);
    }

    /** A class-path set laid out by the build under target/libs (logback15, logback12, conflict). */
    AgentJvm libs(String set) {
        Path dir = libsDir(set);
        try (var jars = Files.list(dir)) {
            jars.sorted().forEach(classPath::add);
        } catch (IOException e) {
            throw new AssertionError("class-path set " + dir + " missing: run mvn verify", e);
        }
        return this;
    }

    /**
     * The named-module example (examples/src/module, built into target/module-classes) instead of
     * the class-path examples, whose logback.xml would configure Logback: with this, the
     * application's Logback is unconfigured and prints everything it receives at DEBUG.
     */
    AgentJvm modularExample() {
        classPath.set(0, examplesDir().resolve("target/module-classes"));
        return this;
    }

    /**
     * An application packaged as users ship it, run as {@code java -javaagent:.. -jar app.jar}
     * (a Spring Boot fat jar): its own class path, nothing from the examples.
     */
    static AgentJvm jar(Jdk jdk, Path jar) {
        assertTrue(Files.isRegularFile(jar), "no application jar at " + jar.toAbsolutePath() + ": run mvn package first");
        AgentJvm jvm = new AgentJvm(jdk, jar.getFileName().toString());
        jvm.jar = jar;
        return jvm;
    }

    /** Runs on the module path: {@code --module-path <class path> -m module/mainClass}. */
    AgentJvm onModulePath(String moduleName) {
        module = moduleName;
        return this;
    }

    /** Another {@code -javaagent} (a jar under target/libs/{@code set}), attached before or after Faultline. */
    AgentJvm otherAgent(String set, boolean beforeFaultline) {
        Path dir = libsDir(set);
        try (var jars = Files.list(dir)) {
            String option = "-javaagent:" + jars.findFirst().orElseThrow().toAbsolutePath();
            (beforeFaultline ? agentsBefore : agentsAfter).add(option);
        } catch (IOException e) {
            throw new AssertionError("agent set " + dir + " missing: run mvn verify", e);
        }
        return this;
    }

    /** The OpenTelemetry Java agent (set {@code otel-agent}) before or after Faultline, its exporters off. */
    AgentJvm besideOpenTelemetry(boolean beforeFaultline) {
        return otherAgent("otel-agent", beforeFaultline).jvmOption("-Dotel.traces.exporter=none")
                .jvmOption("-Dotel.metrics.exporter=none").jvmOption("-Dotel.logs.exporter=none");
    }

    /** An option for the child JVM itself, e.g. {@code -Xmx64m} or {@code -Dotel.traces.exporter=none}. */
    AgentJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** A {@code faultline.<key>} system property. */
    AgentJvm set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /** Arguments for the application's main method. */
    AgentJvm args(String... values) {
        args.addAll(List.of(values));
        return this;
    }

    AgentJvm withoutAgent() {
        agent = false;
        return this;
    }

    /**
     * The agent pointed at {@code mongo.uri} / {@code database}, flushing quickly, with 30 s to
     * store at exit unless the test sets {@code shutdown.timeout}: a run shorter than the quiet
     * start makes its client at exit, and on a cold JDK beside a busy build that took more than
     * the default 5 s (what does not fit is spooled for a later run, which a test does not make).
     */
    AgentJvm storingIn(String uri, String database) {
        settings.putIfAbsent("shutdown.timeout", "30s");
        return set("mongo.uri", uri).set("mongo.database", database).set("flush.interval", "50ms");
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(agentsBefore);
        if (agent) {
            command.add("-javaagent:" + agentJar().toAbsolutePath());
        }
        command.addAll(agentsAfter);
        command.addAll(jvmOptions);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            command.add("-Dfaultline." + e.getKey() + "=" + e.getValue());
        }
        if (agent && !settings.containsKey("spool.dir")) {
            // A spool of its own: what one test leaves is never replayed into another's database.
            command.add("-Dfaultline.spool.dir=" + freshSpoolDir());
        }
        if (jar != null) {
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
            command.addAll(args);
            return command;
        }
        command.add(module == null ? "-cp" : "--module-path");
        command.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        if (module != null) {
            command.add("-m");
            command.add(module + "/" + mainClass);
        } else {
            command.add(mainClass);
        }
        command.addAll(args);
        return command;
    }

    /** An empty directory for a child's spool (a test that shares one between children sets {@code spool.dir}). */
    static Path freshSpoolDir() {
        try {
            return Files.createTempDirectory("faultline-spool");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Result run() throws IOException, InterruptedException {
        List<String> command = command();
        Path out = Files.createTempFile("faultline-it", ".out");
        Path err = Files.createTempFile("faultline-it", ".err");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(mainClass + " did not exit within " + DEADLINE + ": " + Files.readString(err));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err), took);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        if (agent) {
            AgentInvariants.ranJvm(mainClass, r.stderr());
        }
        return r;
    }

    /**
     * Starts the child and leaves it running, for an application that takes commands on stdin
     * and answers on stdout (one line each); {@link Running#finish} closes stdin and waits.
     */
    Running start() throws IOException {
        Path err = Files.createTempFile("faultline-it", ".err");
        Process p = new ProcessBuilder(command()).redirectError(err.toFile()).start();
        return new Running(p, err);
    }

    final class Running implements AutoCloseable {
        private final Process process;
        private final Path err;
        private final BufferedReader out;
        private final PrintWriter in;

        private Running(Process process, Path err) {
            this.process = process;
            this.err = err;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        long pid() {
            return process.pid();
        }

        /** The next line the application prints (blocks until it does; the child's deadline applies in finish). */
        String readLine() throws IOException {
            return out.readLine();
        }

        /** Reads until the application prints {@code line} (its logging may print before it); false at its exit. */
        boolean skipTo(String line) throws IOException {
            for (String next = out.readLine(); next != null; next = out.readLine()) {
                if (next.equals(line)) {
                    return true;
                }
            }
            return false;
        }

        void send(String line) {
            in.println(line);
        }

        /** Reads until a line starts with {@code prefix} and returns the rest of it (a server's port). */
        String awaitLine(String prefix) throws IOException {
            for (String next = out.readLine(); next != null; next = out.readLine()) {
                if (next.startsWith(prefix)) {
                    return next.substring(prefix.length());
                }
            }
            throw new AssertionError(mainClass + " exited before printing " + prefix + ": " + Files.readString(err));
        }

        /** Closes stdin, waits for the exit and hands the child's stderr to the invariants. */
        Result finish() throws IOException, InterruptedException {
            in.close();
            long start = System.nanoTime();
            if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(mainClass + " did not exit within " + DEADLINE + ": " + Files.readString(err));
            }
            StringBuilder rest = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                rest.append(line).append('\n');
            }
            Result r = new Result(process.exitValue(), rest.toString(), Files.readString(err), Duration.ofNanos(System.nanoTime() - start));
            Files.deleteIfExists(err);
            if (agent) {
                AgentInvariants.ranJvm(mainClass, r.stderr());
            }
            return r;
        }

        /** SIGTERM, as a service manager or {@code docker stop} stops the application (its shutdown hooks run); then as {@link #finish}. */
        Result terminate() throws IOException, InterruptedException {
            // Through the handle: Process.destroy() would also close our end of its output. Its exit
            // is awaited before finish() closes stdin, which would let main end on its own.
            process.toHandle().destroy();
            process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            return finish();
        }

        /** What the child printed on stderr so far (its agent's warnings). */
        String stderrSoFar() throws IOException {
            return Files.readString(err);
        }

        /** kill -9: the JVM gets no chance to run its shutdown hooks. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
