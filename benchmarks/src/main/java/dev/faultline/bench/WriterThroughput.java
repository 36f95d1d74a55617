package dev.faultline.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.File;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/**
 * Records written per second by the agent's writer, as a ratio to a plain driver
 * {@code insertMany} of the same documents into the same server in the same run (issue 14 part 3):
 * {@code java -cp benchmarks/target/benchmarks.jar dev.faultline.bench.WriterThroughput
 * agent/target/faultline-agent.jar [records] [rounds]}.
 *
 * <p>Each round: a child JVM with the agent logs the records as fast as it can (queue large enough
 * to hold them all), and the harness times how fast they reach {@code app_errors}, from the first
 * stored to the last; then the same documents, with new ids, are inserted with {@code insertMany}
 * in batches of the agent's {@code batch.size} (512) into another database of the same server.
 * The writer also updates {@code error_groups} once per fingerprint per batch, which the baseline
 * does not: that is part of what the ratio measures. Nothing here is asserted.
 */
public final class WriterThroughput {
    private static final int BATCH = 512;

    private WriterThroughput() {
    }

    public static void main(String[] args) throws Exception {
        String agent = new File(args[0]).getAbsolutePath();
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        System.out.printf("%-6s %12s %12s %7s%n", "round", "agent rec/s", "insertMany/s", "ratio");
        try (MongoClient client = MongoClients.create(uri)) {
            for (int round = 1; round <= rounds; round++) {
                MongoDatabase agentDb = client.getDatabase("agent_" + round);
                double agentRate = agentRun(agent, uri, agentDb.getName(), records, agentDb.getCollection("app_errors"));
                double baseRate = insertMany(agentDb.getCollection("app_errors"), client.getDatabase("baseline_" + round)
                        .getCollection("app_errors"));
                System.out.printf("%-6d %12.0f %12.0f %7.2f%n", round, agentRate, baseRate, agentRate / baseRate);
            }
        } finally {
            server.shutdownNow();
        }
    }

    private static double agentRun(String agent, String uri, String db, int records, MongoCollection<Document> stored)
            throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-javaagent:" + agent,
                "-Dfaultline.mongo.uri=" + uri, "-Dfaultline.mongo.database=" + db, "-Dfaultline.service=throughput",
                "-Dfaultline.app-packages=com.example,dev.faultline.bench",
                "-Dfaultline.queue.size=" + (records + 1), "-Dfaultline.queue.max-bytes=2GB",
                // Every record stored: this measures the writer, not storm sampling.
                "-Dfaultline.storm.keep-per-window=1000000",
                "-cp", System.getProperty("java.class.path"), StormMain.class.getName(), String.valueOf(records))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long first = 0;
            long firstCount = 0;
            long deadline = System.nanoTime() + 600_000_000_000L;
            while (System.nanoTime() < deadline) {
                long count = stored.estimatedDocumentCount();
                long now = System.nanoTime();
                if (first == 0 && count > 0) {
                    first = now;
                    firstCount = count;
                }
                if (count >= records) {
                    return (count - firstCount) / ((now - first) / 1e9);
                }
                if (!child.isAlive()) {
                    throw new IllegalStateException("the child JVM ended with " + child.exitValue() + " after " + count + " records");
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("not all records stored within 10 minutes");
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private static double insertMany(MongoCollection<Document> from, MongoCollection<Document> to) {
        List<Document> docs = from.find().into(new ArrayList<>());
        for (Document d : docs) {
            d.put("_id", UUID.randomUUID().toString());
        }
        long start = System.nanoTime();
        for (int i = 0; i < docs.size(); i += BATCH) {
            to.insertMany(docs.subList(i, Math.min(docs.size(), i + BATCH)));
        }
        return docs.size() / ((System.nanoTime() - start) / 1e9);
    }
}
