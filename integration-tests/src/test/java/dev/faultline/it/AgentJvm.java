package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
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
    private final List<String> jvmOptions = new ArrayList<>();
    private boolean agent = true;

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

    /** A class-path set laid out by the build under target/libs (logback15, logback12, conflict). */
    AgentJvm libs(String set) {
        Path dir = Paths.get(System.getProperty("faultline.libs.dir", "target/libs")).resolve(set);
        try (var jars = Files.list(dir)) {
            jars.sorted().forEach(classPath::add);
        } catch (IOException e) {
            throw new AssertionError("class-path set " + dir + " missing: run mvn verify", e);
        }
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

    /** An option for the child JVM itself, e.g. {@code -Xmx64m}. */
    AgentJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    AgentJvm withoutAgent() {
        agent = false;
        return this;
    }

    /** The agent pointed at {@code mongo.uri} / {@code database}, flushing quickly. */
    AgentJvm storingIn(String uri, String database) {
        return set("mongo.uri", uri).set("mongo.database", database).set("flush.interval", "50ms");
    }

    Result run() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        command.addAll(jvmOptions);
        if (agent) {
            command.add("-javaagent:" + agentJar().toAbsolutePath());
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            command.add("-Dfaultline." + e.getKey() + "=" + e.getValue());
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        command.add(mainClass);
        command.addAll(args);
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
}
