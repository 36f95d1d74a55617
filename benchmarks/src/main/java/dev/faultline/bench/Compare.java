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
 * side. {@code java -jar benchmarks/target/benchmarks.jar [variant[,variant...]] [regex]}, where a
 * variant is a Faultline agent jar, or {@code name=jvm-args} (space-separated) for anything else,
 * e.g. {@code otel=-javaagent:opentelemetry-javaagent.jar -Dotel.traces.exporter=none}.
 */
public final class Compare {
    public static void main(String[] args) throws Exception {
        // One agent jar, or several separated by commas (e.g. an earlier build and this one):
        // each runs in its own JVMs, in the same run as the baseline without an agent.
        String[] agents = (args.length > 0 ? args[0] : "agent/target/faultline-agent.jar").split(",");
        String include = args.length > 1 ? args[1] : LogCallBenchmark.class.getSimpleName();
        for (String agent : agents) {
            if (!agent.contains("=") && !new File(agent).isFile()) {
                System.err.println("agent jar not found: " + agent + " (run mvn package first)");
                System.exit(2);
            }
        }
        // -Drounds=N runs every variant N times, interleaved (none, A, B, none, A, B, ...), so a
        // change in the machine's load falls on all of them; each figure is the median of its rounds.
        int rounds = Integer.getInteger("rounds", 1);
        List<Map<String, double[]>> withoutRounds = new ArrayList<>();
        List<List<Map<String, double[]>>> withRounds = new ArrayList<>();
        for (String agent : agents) {
            withRounds.add(new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            withoutRounds.add(run(include, List.of("-Dbench.mongo.port=" + freePort())));
            for (int i = 0; i < agents.length; i++) {
                withRounds.get(i).add(run(include, agentArgs(agents[i])));
            }
        }
        Map<String, double[]> without = median(withoutRounds);
        List<Map<String, double[]>> with = new ArrayList<>();
        for (List<Map<String, double[]>> agentRounds : withRounds) {
            with.add(median(agentRounds));
        }
        System.out.printf("%n%-34s %16s", "benchmark (ns/op)", "without agent");
        for (String agent : agents) {
            String name = agent.contains("=") ? agent.substring(0, agent.indexOf('=')) : new File(agent).getName();
            System.out.printf(" %16s %9s", name.length() > 16 ? name.substring(0, 16) : name, "added");
        }
        System.out.println();
        for (Map.Entry<String, double[]> e : without.entrySet()) {
            double[] a = e.getValue();
            System.out.printf("%-34s %9.1f ± %4.1f", e.getKey(), a[0], a[1]);
            for (Map<String, double[]> figures : with) {
                double[] b = figures.get(e.getKey());
                System.out.printf(" %9.1f ± %4.1f %+9.1f", b[0], b[1], b[0] - a[0]);
            }
            System.out.println();
        }
        printRounds(agents, withoutRounds, withRounds);
        String markdown = System.getProperty("markdown");
        if (markdown != null) {
            writeMarkdown(new File(markdown), agents, without, with);
        }
    }

    /**
     * The spread behind the medians: per benchmark and variant the median and min..max of the
     * rounds' scores, and for each agent what it added in each round against the no-agent run of
     * the same round (the variants alternate, so a change in the load falls on both), as the
     * median and min..max of those differences.
     */
    private static void printRounds(String[] agents, List<Map<String, double[]>> withoutRounds,
            List<List<Map<String, double[]>>> withRounds) {
        System.out.printf("%n%d round(s); median (min..max) of the rounds, ns/op; added: median (min..max) of"
                + " each round's difference to no agent%n", withoutRounds.size());
        System.out.printf("%-40s %-26s", "benchmark", "without agent");
        for (String agent : agents) {
            System.out.printf(" | %-26s %-24s", name(agent), "added");
        }
        System.out.println();
        for (String benchmark : withoutRounds.get(0).keySet()) {
            double[] none = scores(withoutRounds, benchmark);
            System.out.printf("%-40s %-26s", benchmark, spread(none, "%.0f"));
            for (List<Map<String, double[]>> agentRounds : withRounds) {
                double[] with = scores(agentRounds, benchmark);
                double[] added = new double[with.length];
                for (int i = 0; i < with.length; i++) {
                    added[i] = with[i] - none[i];
                }
                System.out.printf(" | %-26s %-24s", spread(with, "%.0f"), spread(added, "%+.0f"));
            }
            System.out.println();
        }
    }

    private static double[] scores(List<Map<String, double[]>> rounds, String benchmark) {
        return rounds.stream().mapToDouble(r -> r.get(benchmark)[0]).toArray();
    }

    private static String spread(double[] values, String format) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return String.format(format + " (" + format + ".." + format + ")", median, sorted[0], sorted[sorted.length - 1]);
    }

    private static String name(String agent) {
        String name = agent.contains("=") ? agent.substring(0, agent.indexOf('=')) : new File(agent).getName();
        return name.length() > 26 ? name.substring(0, 26) : name;
    }

    /** The same figures as a Markdown table, each variant with its ratio to no agent. */
    private static void writeMarkdown(File file, String[] agents, Map<String, double[]> without,
            List<Map<String, double[]>> with) throws IOException {
        StringBuilder md = new StringBuilder("| benchmark (ns per call) | no agent |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String agent : agents) {
            md.append(' ').append(agent.contains("=") ? agent.substring(0, agent.indexOf('=')) : new File(agent).getName()).append(" |");
            rule.append("---|");
        }
        md.append('\n').append(rule).append('\n');
        for (Map.Entry<String, double[]> e : without.entrySet()) {
            double base = e.getValue()[0];
            md.append("| `").append(e.getKey()).append("` | ").append(Math.round(base)).append(" |");
            for (Map<String, double[]> figures : with) {
                double b = figures.get(e.getKey())[0];
                md.append(String.format(" %d (%+d, x%.1f) |", Math.round(b), Math.round(b - base), b / base));
            }
            md.append('\n');
        }
        java.nio.file.Files.writeString(file.toPath(), md.toString());
    }

    /** Per benchmark, the median score of the rounds and the largest error reported. */
    private static Map<String, double[]> median(List<Map<String, double[]>> rounds) {
        Map<String, double[]> figures = new LinkedHashMap<>();
        for (String name : rounds.get(0).keySet()) {
            double[] scores = rounds.stream().mapToDouble(r -> r.get(name)[0]).sorted().toArray();
            double error = rounds.stream().mapToDouble(r -> r.get(name)[1]).max().orElse(0);
            figures.put(name, new double[] {scores[scores.length / 2], error});
        }
        return figures;
    }

    private static List<String> agentArgs(String agent) throws IOException {
        int port = freePort();
        if (agent.contains("=")) {
            List<String> other = new ArrayList<>(List.of("-Dbench.mongo.port=" + port));
            other.addAll(List.of(agent.substring(agent.indexOf('=') + 1).trim().split("\\s+")));
            return other;
        }
        List<String> withAgent = new ArrayList<>(List.of(
                "-javaagent:" + new File(agent).getAbsolutePath(),
                "-Dbench.mongo.port=" + port,
                "-Dfaultline.mongo.uri=mongodb://127.0.0.1:" + port,
                "-Dfaultline.service=bench",
                "-Dfaultline.app-packages=com.example"));
        // -Dagent.jvmArgs="-Dfaultline.x=y ..." adds settings to the runs with an agent (later ones win).
        for (String arg : System.getProperty("agent.jvmArgs", "").trim().split("\\s+")) {
            if (!arg.isEmpty()) {
                withAgent.add(arg);
            }
        }
        return withAgent;
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
        // -Dparams="mdcEntries=0,5,30;other=a,b": JMH @Param values instead of the benchmark's own;
        // each combination is then a row of its own, named benchmark:param=value.
        List<String> overridden = new ArrayList<>();
        for (String param : System.getProperty("params", "").split(";")) {
            if (param.contains("=")) {
                String key = param.substring(0, param.indexOf('=')).trim();
                options.param(key, param.substring(param.indexOf('=') + 1).trim().split(","));
                overridden.add(key);
            }
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, double[]> figures = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            for (String key : overridden) {
                name += ":" + key + "=" + r.getParams().getParam(key);
            }
            figures.put(name, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
        return figures;
    }
}
