package dev.faultline.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application thread's latency tail while the agent's writer works (issue 14 part 2), side by
 * side in one run: {@code java -cp benchmarks/target/benchmarks.jar dev.faultline.bench.CallLatency
 * agent/target/faultline-agent.jar [seconds] [rate] [rounds]} (defaults 20 s, 500 errors/s, 3
 * rounds). Per round, without and then with the agent (writing into an in-process MongoDB in this
 * JVM, so the writer really inserts), a child JVM runs {@link LatencyLoad}; printed per variant:
 * p50, p99, p99.9 and max of the log call and of a fixed piece of the application's own work
 * between calls, in microseconds, and the logging thread's CPU time per call (its own work and the
 * wake-up from parking included; unlike the wall clock it does not count waiting for a core). Nothing is asserted.
 */
public final class CallLatency {
    private static final Pattern RESULT = Pattern.compile("log (\\d+) (\\d+) (\\d+) (\\d+) work (\\d+) (\\d+) (\\d+) (\\d+) cpu (\\d+)");

    private CallLatency() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        String agent = Path.of(args[0]).toAbsolutePath().toString();
        String seconds = args.length > 1 ? args[1] : "20";
        String rate = args.length > 2 ? args[2] : "500";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        System.out.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.printf("%-6s %-9s | %-33s | %-33s | %s%n", "", "", "log call (us): p50 p99 p99.9 max",
                "own work (us): p50 p99 p99.9 max", "thread CPU per call (us)");
        try {
            for (int round = 1; round <= rounds; round++) {
                run(round, "no agent", null, seconds, rate, uri);
                run(round, "agent", agent, seconds, rate, uri);
            }
        } finally {
            server.shutdownNow();
        }
        System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    private static void run(int round, String variant, String agent, String seconds, String rate, String uri) throws Exception {
        List<String> command = ChildJvm.java();
        if (agent != null) {
            command.addAll(ChildJvm.agent(agent, uri, "latency_" + round, "latency"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LatencyLoad.class.getName(), seconds, rate));
        Matcher m = ChildJvm.run(command, RESULT);
        StringBuilder line = new StringBuilder(String.format("%-6d %-9s |", round, variant));
        for (int g = 1; g <= 8; g++) {
            line.append(String.format(" %7.1f", Long.parseLong(m.group(g)) / 1000.0));
            if (g == 4 || g == 8) {
                line.append(" |");
            }
        }
        line.append(String.format(" %7.1f", Long.parseLong(m.group(9)) / 1000.0));
        System.out.println(line);
    }
}
