package dev.faultline.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The child JVMs of the side-by-side harnesses: the same java, the agent's options, the result line. */
final class ChildJvm {
    private ChildJvm() {
    }

    /** This JVM's java launcher, then {@code options}. */
    static List<String> java(String... options) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(extraOptions());
        command.addAll(List.of(options));
        return command;
    }

    /** {@code -Dbench.childOptions="..."}: JVM options for every child (a fixed heap, a JFR recording). */
    static List<String> extraOptions() {
        String extra = System.getProperty("bench.childOptions", "").trim();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    /**
     * The agent writing into {@code database} at {@code uri} as {@code service}, with a spool dir of
     * its own: a spool another run of the service left (a test, an earlier benchmark) would
     * otherwise be replayed into this run's database and counted with it.
     */
    static List<String> agent(String agent, String uri, String database, String service) throws IOException {
        return List.of("-javaagent:" + agent, "-Dfaultline.mongo.uri=" + uri, "-Dfaultline.mongo.database=" + database,
                "-Dfaultline.service=" + service, "-Dfaultline.app-packages=com.example,dev.faultline.bench",
                "-Dfaultline.spool.dir=" + Files.createTempDirectory(service + "-spool"));
    }

    /** Runs {@code command} to its end and returns the match of {@code result} in its output (stdout and stderr). */
    static Matcher run(List<String> command, Pattern result) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes());
        child.waitFor();
        Matcher m = result.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no result from the child: " + out);
        }
        if (System.getenv("BENCH_CHILD_OUTPUT") != null) {
            System.out.println(out);
        }
        return m;
    }
}
