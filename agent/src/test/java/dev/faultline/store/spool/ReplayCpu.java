package dev.faultline.store.spool;

import dev.faultline.capture.Occurrence;
import dev.faultline.capture.RecordCodec;
import dev.faultline.pipeline.Pipeline;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * The writer thread's work per record read back from the spool and inserted (not a test;
 * BENCHMARKS.md, "Read back as bytes"), side by side in one run: the record decoded whole, its
 * occurrence made from the document and the document encoded again into the insert (before), and
 * the record's bytes kept, the few fields a group's count needs read from them and the bytes
 * copied into the insert (now). Records like {@code WriterCpu}'s (a new exception each, 30 frames
 * deep). Thread CPU and bytes allocated per record:
 * {@code java -cp agent/target/test-classes:agent/target/classes:bootstrap/target/classes:<dependencies>
 * dev.faultline.store.spool.ReplayCpu [records] [rounds]}.
 */
public final class ReplayCpu {
    private static final DocumentCodec CODEC = new DocumentCodec();
    private static Object sink;

    private ReplayCpu() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        Pipeline pipeline = WriterCpu.pipeline();
        List<byte[]> payloads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Occurrence o = pipeline.process(WriterCpu.event(i));
            payloads.add(new SpoolRecord("app_errors", o.document, o::toBson).encode());
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[][] cpu = new double[2][rounds];
        long[][] allocated = new long[2][rounds];
        System.out.printf("%-6s %28s %28s%n", "round", "decoded whole (before)", "read as bytes (now)");
        for (int round = 0; round < rounds; round++) {
            for (int way = 0; way < 2; way++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long bytes0 = threads.getCurrentThreadAllocatedBytes();
                BasicOutputBuffer insert = new BasicOutputBuffer();
                try (BsonBinaryWriter writer = new BsonBinaryWriter(insert)) {
                    for (byte[] p : payloads) {
                        SpoolRecord r = SpoolRecord.decode(p);
                        Document document;
                        if (way == 0) {
                            document = r.bson().decode(CODEC);
                            sink = Occurrence.of(document);
                        } else {
                            sink = Occurrence.read(r.bson());
                            document = RecordCodec.encoded(r.bson());
                        }
                        RecordCodec.INSTANCE.encode(writer, document, EncoderContext.builder().build());
                        insert.truncateToPosition(0);
                    }
                }
                cpu[way][round] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
                allocated[way][round] = (threads.getCurrentThreadAllocatedBytes() - bytes0) / n;
            }
            System.out.printf("%-6d %12.1f us %9d B %12.1f us %9d B%n", round + 1, cpu[0][round], allocated[0][round], cpu[1][round],
                    allocated[1][round]);
        }
        for (int way = 0; way < 2; way++) {
            // The first rounds warm the JIT up: the median of the rest.
            double[] warm = Arrays.copyOfRange(cpu[way], rounds / 4, rounds);
            Arrays.sort(warm);
            System.out.printf("%s: median of rounds %d-%d %.1f us CPU per record, %d bytes allocated%n",
                    way == 0 ? "decoded whole (before)" : "read as bytes (now)", rounds / 4 + 1, rounds, warm[warm.length / 2],
                    allocated[way][rounds - 1]);
        }
    }
}
