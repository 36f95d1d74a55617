package dev.faultline.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks without and with the agent in the same run and prints both figures side by
 * side. {@code java -jar benchmarks/target/benchmarks.jar [agent-jar] [regex]}.
 */
public final class Compare {
    public static void main(String[] args) throws Exception {
        String agent = args.length > 0 ? args[0] : "agent/target/faultline-agent.jar";
        String include = args.length > 1 ? args[1] : LogCallBenchmark.class.getSimpleName();
        if (!new File(agent).isFile()) {
            System.err.println("agent jar not found: " + agent + " (run mvn package first)");
            System.exit(2);
        }
        Map<String, double[]> without = run(include, List.of("-Dbench.mongo.port=" + freePort()));
        int port = freePort();
        List<String> withAgent = new ArrayList<>(List.of(
                "-javaagent:" + new File(agent).getAbsolutePath(),
                "-Dbench.mongo.port=" + port,
                "-Dfaultline.mongo.uri=mongodb://127.0.0.1:" + port,
                "-Dfaultline.service=bench",
                "-Dfaultline.app-packages=com.example"));
        // -Dagent.jvmArgs="-Dfaultline.x=y ..." adds settings to the run with the agent (later ones win).
        for (String arg : System.getProperty("agent.jvmArgs", "").trim().split("\\s+")) {
            if (!arg.isEmpty()) {
                withAgent.add(arg);
            }
        }
        Map<String, double[]> with = run(include, withAgent);
        System.out.printf("%n%-28s %16s %16s %14s%n", "benchmark (ns/op)", "without agent", "with agent", "added");
        for (Map.Entry<String, double[]> e : without.entrySet()) {
            double[] a = e.getValue();
            double[] b = with.get(e.getKey());
            System.out.printf("%-28s %9.1f ± %4.1f %9.1f ± %4.1f %+14.1f%n", e.getKey(), a[0], a[1], b[0], b[1], b[0] - a[0]);
        }
    }

    /** A port nothing listens on now (fixed ports clash with other servers on a shared machine). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, double[]> run(String include, List<String> jvmArgs) throws Exception {
        List<String> all = new ArrayList<>(jvmArgs);
        all.add("-Xmx1g");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(Integer.getInteger("forks", 2))
                .warmupIterations(Integer.getInteger("warmups", 3))
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(Integer.getInteger("iterations", 5))
                .measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend(all.toArray(new String[0]));
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, double[]> figures = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            figures.put(name, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
        return figures;
    }
}
