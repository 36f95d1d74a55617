package dev.faultline.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * The storm row of issue 12, side by side in one run: {@code java -cp
 * benchmarks/target/benchmarks.jar dev.faultline.bench.StormThroughput
 * agent/target/faultline-agent.jar [seconds] [rounds]} ({@code -Dbench.childOptions="-Xms1g -Xmx1g"}
 * gives both children the same options, a fixed heap say). Per round, alternately without and with
 * the agent, a child JVM runs {@link StormLoad} (4 threads, one error as fast as they can, no
 * appender) for the given seconds; printed: calls per second, calls per CPU second of the logging
 * threads (fairer than wall time on a busy machine), the JVM's CPU seconds (GC, JIT and the
 * agent's writer included), the longest GC pause (from
 * {@code -Xlog:gc}), the peak RSS ({@code VmHWM}), and for the agent's run what it stored in an
 * in-process MongoDB: the group's {@code count} and {@code stored_count}, and {@code agent_health}'s
 * captured, sampled and dropped. Nothing is asserted.
 */
public final class StormThroughput {
    private static final Pattern PAUSE = Pattern.compile("Pause.*?([0-9.]+)ms\\s*$");
    private static final Pattern RESULT = Pattern.compile(
            "calls (\\d+) seconds ([0-9.]+) peak_rss_kib (-?\\d+) thread_cpu_ns (\\d+) process_cpu_ns (\\d+)");

    private StormThroughput() {
    }

    public static void main(String[] args) throws Exception {
        // The harness's own driver and in-process server log through Logback at DEBUG otherwise.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        String agent = Path.of(args[0]).toAbsolutePath().toString();
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        System.out.println("load average before: " + loadAverage());
        System.out.printf("%-6s %-9s %10s %14s %10s %10s %10s  %s%n", "round", "variant", "calls/s", "calls/CPU-s", "JVM CPU s",
                "max GC ms", "peak RSS", "stored");
        try (MongoClient client = MongoClients.create(uri)) {
            for (int round = 1; round <= rounds; round++) {
                run(round, "no agent", null, seconds, uri, null, client);
                run(round, "agent", agent, seconds, uri, "storm_" + round, client);
            }
        } finally {
            server.shutdownNow();
        }
        System.out.println("load average after: " + loadAverage());
    }

    private static void run(int round, String variant, String agent, double seconds, String uri, String db, MongoClient client)
            throws Exception {
        Path gcLog = Files.createTempFile("storm-gc", ".log");
        List<String> command = ChildJvm.java("-Xlog:gc:file=" + gcLog);
        if (agent != null) {
            command.addAll(ChildJvm.agent(agent, uri, db, "storm"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StormLoad.class.getName(),
                String.valueOf(seconds), "4"));
        Matcher m = ChildJvm.run(command, RESULT);
        double rate = Long.parseLong(m.group(1)) / Double.parseDouble(m.group(2));
        double maxPause = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher p = PAUSE.matcher(line);
            if (p.find()) {
                maxPause = Math.max(maxPause, Double.parseDouble(p.group(1)));
            }
        }
        Files.deleteIfExists(gcLog);
        String stored = "";
        if (db != null) {
            Document group = client.getDatabase(db).getCollection("error_groups").find().first();
            Document health = client.getDatabase(db).getCollection("agent_health").find().first();
            stored = "group count " + (group == null ? null : group.get("count")) + ", stored_count "
                    + (group == null ? null : group.get("stored_count")) + "; health captured "
                    + (health == null ? null : health.get("captured")) + ", written " + (health == null ? null : health.get("written"))
                    + ", spooled " + (health == null ? null : health.get("spooled"))
                    + ", queue_depth " + (health == null ? null : health.get("queue_depth"))
                    + ", sampled " + (health == null ? null : health.get("sampled"))
                    + ", dropped " + (health == null ? null : health.get("dropped"));
        }
        long calls = Long.parseLong(m.group(1));
        double perCpu = calls / (Long.parseLong(m.group(4)) / 1e9);
        double processCpu = Long.parseLong(m.group(5)) / 1e9;
        System.out.printf("%-6d %-9s %10.0f %14.0f %10.1f %10.1f %6d MiB  %s%n", round, variant, rate, perCpu, processCpu, maxPause,
                Long.parseLong(m.group(3)) / 1024, stored);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
