package dev.faultline.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * How fast a spool left by an outage is stored once MongoDB answers, by the {@code replay}
 * command of each agent jar, side by side on the same spool:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.faultline.bench.ReplayThroughput
 * agent/target/faultline-agent.jar[,other-agent.jar...] [records] [rounds]}.
 *
 * <p>A child JVM with the first jar logs the records ({@link StormMain}) with MongoDB refused and
 * exits: its spool holds them all. Each round, for each jar in turn, a copy of that spool is
 * replayed by {@code java -jar <jar> replay} into a fresh database of an in-process server; printed
 * are the command's wall time, the records stored, and the records per second over the whole
 * command (its JVM's start and the driver's class loading included: the same for every jar).
 * Nothing here is asserted.
 */
public final class ReplayThroughput {
    private ReplayThroughput() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        String[] agents = args[0].split(",");
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path spool = Files.createTempDirectory("replay-throughput-spool");
        List<String> command = ChildJvm.java("-javaagent:" + new File(agents[0]).getAbsolutePath(), "-Dfaultline.mongo.uri=mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500&connectTimeoutMS=500",
                "-Dfaultline.service=throughput", "-Dfaultline.app-packages=com.example,dev.faultline.bench",
                "-Dfaultline.queue.size=" + (records + 1), "-Dfaultline.queue.max-bytes=2GB", "-Dfaultline.spool.dir=" + spool,
                "-Dfaultline.shutdown.timeout=300s", "-Dfaultline.storm.keep-per-window=1000000",
                "-cp", System.getProperty("java.class.path"), StormMain.class.getName(), String.valueOf(records), "exit");
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        System.out.printf("%-6s %-28s %10s %10s %12s%n", "round", "agent", "wall ms", "stored", "records/s");
        try (MongoClient client = MongoClients.create(uri)) {
            for (int round = 1; round <= rounds; round++) {
                for (int a = 0; a < agents.length; a++) {
                    String db = "replay_" + round + "_" + a;
                    Path copy = copy(spool);
                    long start = System.nanoTime();
                    Process replay = new ProcessBuilder(ChildJvm.java("-Dfaultline.mongo.uri=" + uri, "-Dfaultline.mongo.database=" + db,
                            "-Dfaultline.service=throughput", "-jar", new File(agents[a]).getAbsolutePath(), "replay", "--dir",
                            copy.toString())).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    int exit = replay.waitFor();
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    long stored = client.getDatabase(db).getCollection("app_errors").estimatedDocumentCount();
                    System.out.printf("%-6d %-28s %10d %10d %12.0f%s%n", round, new File(agents[a]).getName(), ms, stored,
                            stored * 1000.0 / ms, exit == 0 ? "" : "  (exit " + exit + ")");
                    client.getDatabase(db).drop();
                    delete(copy);
                }
            }
        } finally {
            server.shutdownNow();
            delete(spool);
        }
    }

    private static Path copy(Path dir) throws IOException {
        Path to = Files.createTempDirectory("replay-throughput-copy");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((x, y) -> y.compareTo(x)).forEach(p -> p.toFile().delete());
        }
    }
}
