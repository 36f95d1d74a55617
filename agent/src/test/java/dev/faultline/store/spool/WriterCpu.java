package dev.faultline.store.spool;

import com.mongodb.MongoClientSettings;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.capture.Identity;
import dev.faultline.capture.Occurrence;
import dev.faultline.capture.RecordFactory;
import dev.faultline.capture.Trails;
import dev.faultline.codes.Clock;
import dev.faultline.codes.CodeUpdates;
import dev.faultline.codes.ErrorCodeTracker;
import dev.faultline.codes.Notifier;
import dev.faultline.config.Config;
import dev.faultline.pipeline.Pipeline;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * The writer thread's own work per record, in one thread of one JVM (not a test; BENCHMARKS.md,
 * Writer throughput): the pipeline (record, redaction, fingerprint, breadcrumbs) and the BSON for
 * the spool (and, before, for the insert, which now runs on {@code faultline-insert}), for errors like {@code WriterThroughput}'s (a new exception each, 30
 * frames deep, from one thread). Thread CPU and bytes allocated per record, which a busy machine
 * does not change much. Runs against this build's classes or, with an older build's classes on
 * the class path instead, against those (before {@code Occurrence.toBson}, the spool and the
 * driver each encoded the document on the writer thread):
 * {@code java -cp agent/target/test-classes:agent/target/classes:bootstrap/target/classes:<dependencies>
 * dev.faultline.store.spool.WriterCpu [records] [rounds]}.
 */
public final class WriterCpu {
    private static Object sink;

    private WriterCpu() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        Pipeline pipeline = pipeline();
        Method encoded = method(Occurrence.class, "toBson");
        // Since the ninth session the spool's occurrences are encoded in their payload's frame (one copy fewer).
        Method framed = method(Occurrence.class, "toBson", byte[].class, int.class);
        byte[] head = framed == null ? null : (byte[]) SpoolRecord.class.getMethod("head", String.class).invoke(null, "app_errors");
        java.lang.reflect.Constructor<SpoolRecord> aroundBson = encoded == null ? null
                : SpoolRecord.class.getConstructor(String.class, Document.class, java.util.function.Supplier.class);
        Method spoolEncode = SpoolRecord.class.getDeclaredMethod("encode");
        spoolEncode.setAccessible(true);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] cpu = new double[rounds];
        long[] allocated = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            List<CapturedEvent> events = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                events.add(event(i));
            }
            long cpu0 = threads.getCurrentThreadCpuTime();
            long bytes0 = threads.getCurrentThreadAllocatedBytes();
            for (CapturedEvent e : events) {
                Occurrence o = pipeline.process(e);
                if (encoded != null) {
                    // Encoded directly for the spool; the driver encodes the insert on faultline-insert.
                    java.util.function.Supplier<RawBsonDocument> bson = () -> {
                        try {
                            return (RawBsonDocument) (framed != null ? framed.invoke(o, head, 1) : encoded.invoke(o));
                        } catch (ReflectiveOperationException x) {
                            throw new IllegalStateException(x);
                        }
                    };
                    sink = spoolEncode.invoke(aroundBson.newInstance("app_errors", o.document, bson));
                } else {
                    // The spool encoded the document, and the driver encoded it again.
                    sink = spoolEncode.invoke(new SpoolRecord("app_errors", o.document));
                    sink = new RawBsonDocument(o.document, MongoClientSettings.getDefaultCodecRegistry().get(Document.class));
                }
            }
            cpu[round] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
            allocated[round] = (threads.getCurrentThreadAllocatedBytes() - bytes0) / n;
            System.out.printf("round %2d: %6.1f us CPU, %7d bytes allocated per record%n", round + 1, cpu[round], allocated[round]);
        }
        // The first rounds warm the JIT up: the median of the rest.
        double[] warm = Arrays.copyOfRange(cpu, rounds / 4, rounds);
        Arrays.sort(warm);
        System.out.printf("median of rounds %d-%d: %.1f us CPU per record (min %.1f), %d bytes allocated%n", rounds / 4 + 1, rounds,
                warm[warm.length / 2], warm[0], allocated[rounds - 1]);
    }

    /** The writer's pipeline, as the agent makes it for service {@code throughput}. */
    static Pipeline pipeline() throws Exception {
        Config config = Config.fromMap(Map.of("service", "throughput", "app-packages", "com.example,dev.faultline.store.spool"));
        Identity identity = new Identity("throughput", "", "", "", "", "box", "box", 1);
        ErrorCodeTracker tracker = new ErrorCodeTracker(Clock.SYSTEM, 3_600_000L);
        tracker.loaded(Collections.emptyList());
        return new Pipeline(new RecordFactory(config, identity), tracker, new CodeUpdates(tracker, identity, new Notifier("", identity)),
                new Trails(config.breadcrumbsSize(), config.maxMessageLength()));
    }

    private static Method method(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Error {@code i}: a new exception 30 frames deep, logged from one thread. */
    static CapturedEvent event(int i) {
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, System.currentTimeMillis(), "com.example.shop.Checkout", "main",
                "order {} failed", new Object[] {i}, CapturedEvent.FORMAT_SLF4J, deep(30), null, null, true);
        e.trail = 1;
        return e;
    }

    private static Throwable deep(int depth) {
        return depth == 0 ? new IllegalStateException("card gateway unavailable") : deep(depth - 1);
    }
}
