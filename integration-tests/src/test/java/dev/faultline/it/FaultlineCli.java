package dev.faultline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar faultline-agent.jar <args>} as a process, the way a person does. */
final class FaultlineCli {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    record Result(int exit, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private FaultlineCli() {
    }

    static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(AgentJvm.agentJar().toAbsolutePath().toString());
        command.addAll(Arrays.asList(args));
        return command;
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return run(DEADLINE, args);
    }

    /** {@code args} against the test MongoDB's database {@code database} ({@code --uri}, {@code --database} added). */
    static Result runIn(String database, String... args) throws IOException, InterruptedException {
        String[] all = Arrays.copyOf(args, args.length + 4);
        System.arraycopy(new String[] {"--uri", MongoSource.get().uri, "--database", database}, 0, all, args.length, 4);
        return run(all);
    }

    /** With a deadline of its own: a command that would hang on a missing server fails the test. */
    static Result run(Duration deadline, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("faultline-cli", ".out");
        Path err = Files.createTempFile("faultline-cli", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_"));
            Process p = pb.start();
            if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("faultline " + String.join(" ", args) + " did not finish within " + deadline
                        + ": " + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
