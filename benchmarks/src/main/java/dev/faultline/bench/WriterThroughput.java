package dev.faultline.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * Records written per second by the agent's writer, as a ratio to a plain driver
 * {@code insertMany} of the same documents into the same server in the same run (issue 14 part 3):
 * {@code java -cp benchmarks/target/benchmarks.jar dev.faultline.bench.WriterThroughput
 * agent/target/faultline-agent.jar[,other-agent.jar...] [records] [rounds]}.
 *
 * <p>Each round, for each agent jar in turn: a child JVM with the agent logs the records as fast
 * as it can (queue large enough to hold them all), and the harness times how fast they reach
 * {@code app_errors}, from the first stored to the last; then the same documents, with new ids,
 * are inserted with {@code insertMany} in batches of the agent's {@code batch.size} (512) into
 * another database of the same server, twice, the faster of the two taken (this machine's
 * {@code insertMany} moves by up to 2x from one run to the next); each database is dropped after
 * its round, so that the in-process server does not grow from round to round. The writer also updates {@code error_groups} once per
 * fingerprint per group flush, which the baseline does not: that is part of what the ratio
 * measures. Also printed: the CPU the child's {@code faultline-*} threads used per record stored
 * over the same span (from {@code /proc}, read at the first and the last record stored; 10 ms
 * resolution; {@code -Dbench.threads=true} prints each thread's), the figure that survives a
 * busy machine. {@code -Dbench.childOptions="..."} adds JVM options to the child
 * (a JFR recording, say). Nothing here is asserted.
 *
 * <p>Both rates are also given sustained: over the records after the first quarter, on both
 * sides, so that neither side's JIT warm-up (the agent's record code compiles in the first
 * seconds of a JVM, the harness's driver in its first round) is in the ratio. The issue asks for
 * the sustained figure; the whole-run one is what a short burst sees.
 */
public final class WriterThroughput {
    private static final int BATCH = 512;

    private WriterThroughput() {
    }

    public static void main(String[] args) throws Exception {
        // The server and the driver log every command at DEBUG otherwise: that would be measured too.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        String[] agents = args[0].split(",");
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        System.out.printf("%-6s %-28s %12s %12s %7s | %16s %16s %9s | %16s%n", "round", "agent", "agent rec/s", "insertMany/s", "ratio",
                "sustained agent", "sustained base", "ratio", "agent CPU us/rec");
        try (MongoClient client = MongoClients.create(uri)) {
            for (int round = 1; round <= rounds; round++) {
                for (int a = 0; a < agents.length; a++) {
                    String agent = new File(agents[a]).getAbsolutePath();
                    MongoDatabase agentDb = client.getDatabase("agent_" + round + "_" + a);
                    double[] run = agentRun(agent, uri, agentDb.getName(), records, agentDb.getCollection("app_errors"));
                    // Twice, into fresh databases, and the faster taken: the limit is what the server can do.
                    double[] base = new double[2];
                    for (int twice = 0; twice < 2; twice++) {
                        MongoDatabase baseDb = client.getDatabase("baseline_" + round + "_" + a + "_" + twice);
                        double[] one = insertMany(agentDb.getCollection("app_errors"), baseDb.getCollection("app_errors"));
                        base[0] = Math.max(base[0], one[0]);
                        base[1] = Math.max(base[1], one[1]);
                        baseDb.drop();
                    }
                    agentDb.drop();
                    System.out.printf("%-6d %-28s %12.0f %12.0f %7.2f | %16.0f %16.0f %9.2f | %16.0f%n", round, new File(agent).getName(),
                            run[0], base[0], run[0] / base[0], run[2], base[1], run[2] / base[1], run[1]);
                }
            }
        } finally {
            server.shutdownNow();
        }
    }

    /**
     * Records stored per second, the agent threads' CPU microseconds per record, and the records
     * stored per second after the first quarter.
     */
    private static double[] agentRun(String agent, String uri, String db, int records, MongoCollection<Document> stored)
            throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path spool = Files.createTempDirectory("writer-throughput-spool");
        List<String> command = new ArrayList<>(List.of(java, "-javaagent:" + agent));
        command.addAll(ChildJvm.extraOptions());
        command.addAll(List.of("-Dfaultline.mongo.uri=" + uri, "-Dfaultline.mongo.database=" + db, "-Dfaultline.service=throughput",
                "-Dfaultline.app-packages=com.example,dev.faultline.bench",
                "-Dfaultline.queue.size=" + (records + 1), "-Dfaultline.queue.max-bytes=2GB",
                // A spool of its own: no other run's left files replayed into this database.
                "-Dfaultline.spool.dir=" + spool,
                // Every record stored: this measures the writer, not storm sampling.
                "-Dfaultline.storm.keep-per-window=1000000",
                "-cp", System.getProperty("java.class.path"), StormMain.class.getName(), String.valueOf(records)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long first = 0;
            long firstCount = 0;
            long firstCpu = 0;
            long quarter = 0;
            long quarterCount = 0;
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (System.nanoTime() < deadline) {
                long count = stored.estimatedDocumentCount();
                long now = System.nanoTime();
                if (first == 0 && count > 0) {
                    first = now;
                    firstCount = count;
                    firstCpu = agentThreadsCpuMillis(child.pid(), false);
                }
                if (quarter == 0 && count >= records / 4) {
                    quarter = now;
                    quarterCount = count;
                }
                if (count >= records) {
                    // Over the same span as the rate: the client's start (class loading) is before it.
                    double cpuMicros = (agentThreadsCpuMillis(child.pid(), Boolean.getBoolean("bench.threads")) - firstCpu) * 1000.0
                            / (count - firstCount);
                    return new double[] {(count - firstCount) / ((now - first) / 1e9), cpuMicros,
                            (count - quarterCount) / ((now - quarter) / 1e9)};
                }
                if (!child.isAlive()) {
                    throw new IllegalStateException("the child JVM ended with " + child.exitValue() + " after " + count + " records");
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("not all records stored within 10 minutes");
        } finally {
            // SIGTERM first: a JFR recording of the child (bench.childOptions) is written at exit.
            child.destroy();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
            }
            try (Stream<Path> files = Files.walk(spool)) {
                files.sorted((x, y) -> y.compareTo(x)).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** CPU time (user + system) of the child's threads named {@code faultline-*}, in ms; -1 without /proc. */
    private static long agentThreadsCpuMillis(long pid, boolean print) throws IOException {
        Path tasks = Paths.get("/proc", String.valueOf(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long ticks = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) threads::iterator) {
                String stat;
                try {
                    stat = Files.readString(t.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (!stat.substring(open + 1, close).startsWith("faultline-")) {
                    continue;
                }
                // After the name: state is field 3; utime and stime are fields 14 and 15.
                String[] f = stat.substring(close + 2).split(" ");
                long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                ticks += own;
                if (print) {
                    System.out.println("  " + stat.substring(open + 1, close) + ": " + own * 10 + " ms CPU");
                }
            }
        }
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    /** Records inserted per second: over all, and after the first quarter. */
    private static double[] insertMany(MongoCollection<Document> from, MongoCollection<Document> to) {
        // In pages: the in-process server answers a find with every document in one reply.
        List<Document> docs = new ArrayList<>();
        Object last = null;
        while (true) {
            List<Document> page = from.find(last == null ? new Document() : new Document("_id", new Document("$gt", last)))
                    .sort(new Document("_id", 1)).limit(2000).into(new ArrayList<>());
            if (page.isEmpty()) {
                break;
            }
            docs.addAll(page);
            last = page.get(page.size() - 1).get("_id");
        }
        for (Document d : docs) {
            d.put("_id", UUID.randomUUID().toString());
        }
        long start = System.nanoTime();
        long quarter = 0;
        int quarterCount = 0;
        for (int i = 0; i < docs.size(); i += BATCH) {
            if (quarter == 0 && i >= docs.size() / 4) {
                quarter = System.nanoTime();
                quarterCount = i;
            }
            to.insertMany(docs.subList(i, Math.min(docs.size(), i + BATCH)));
        }
        long end = System.nanoTime();
        return new double[] {docs.size() / ((end - start) / 1e9), (docs.size() - quarterCount) / ((end - quarter) / 1e9)};
    }
}
