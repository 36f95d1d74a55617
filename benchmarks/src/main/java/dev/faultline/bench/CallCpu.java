package dev.faultline.bench;

import com.sun.management.ThreadMXBean;
import de.bwaldvogel.mongo.MongoServer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.slf4j.MDC;

/**
 * The application thread's CPU time and allocation per Logback call, measured with the thread's
 * own CPU clock and allocation counter rather than the wall clock: on a machine shared with other
 * builds (load 10+ on 2 cores) JMH's wall-clock figures for a 100 ns call swing by microseconds,
 * and its allocation figure counts every thread (the agent's writer too), while a thread's CPU
 * time does not count the time it waited for a core. Run it in JVMs with and without the agent and
 * compare (docs/BENCHMARKS.md):
 * {@code java [-javaagent:...] -Dbench.call=<call> -cp benchmarks/target/benchmarks.jar dev.faultline.bench.CallCpu}
 * with {@code <call>} one of {@code info} (default: an INFO call below the capture level, a
 * breadcrumb), {@code info-string} (the same with a String argument), {@code debug} (below the
 * application's own level: Logback returns before the agent's hook), {@code error-exception},
 * {@code error}, {@code error-deep} (120 frames down), {@code suppressed} (an active error code).
 * {@code -Dbench.appender=keep} makes the appender keep the last event, as real appenders do
 * ({@link LogCallBenchmark#discardingLogger}). Prints the median of the rounds.
 */
public final class CallCpu {
    private static final String CALL = System.getProperty("bench.call", "info");
    private static final int CALLS = Integer.getInteger("calls", CALL.startsWith("info") || CALL.equals("debug") ? 2_000_000 : 200_000);
    private static final int ROUNDS = Integer.getInteger("rounds", 15);
    private static final int DEPTH = 120;
    private static final String[] NAMES = new String[1024];
    private static final IllegalStateException FAILURE = new IllegalStateException("payment declined",
            new java.io.IOException("connection reset"));

    static {
        for (int i = 0; i < NAMES.length; i++) {
            NAMES[i] = "user-" + i;
        }
    }

    private static org.slf4j.Logger log;
    private static int order;

    private CallCpu() {
    }

    private static void call() {
        switch (CALL) {
            case "info":
                log.info("order {} shipped", ++order);
                break;
            case "info-string":
                log.info("user {} logged in", NAMES[++order & 1023]);
                break;
            case "debug":
                log.debug("order {} priced", ++order);
                break;
            case "error-exception":
                log.error("order {} failed", ++order, FAILURE);
                break;
            case "error":
                log.error("order {} failed", ++order);
                break;
            case "error-deep":
                deep(DEPTH);
                break;
            case "suppressed":
                MDC.put("error_code", "witness_api_invalid_response_bench");
                log.error("order {} failed", ++order);
                MDC.remove("error_code");
                break;
            default:
                throw new IllegalArgumentException("bench.call=" + CALL + ": expected info, info-string, debug, "
                        + "error-exception, error, error-deep or suppressed");
        }
    }

    private static void deep(int frames) {
        if (frames == 0) {
            log.error("order {} failed", ++order);
        } else {
            deep(frames - 1);
        }
    }

    private static void calls() {
        for (int i = 0; i < CALLS; i++) {
            call();
        }
    }

    public static void main(String[] args) {
        MongoServer server = BenchMongo.start();
        log = LogCallBenchmark.discardingLogger();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        double[] cpu = new double[ROUNDS];
        double[] bytes = new double[ROUNDS];
        for (int warm = 0; warm < 3; warm++) {
            calls();
        }
        for (int r = 0; r < ROUNDS; r++) {
            long allocated = threads.getThreadAllocatedBytes(id);
            long start = threads.getCurrentThreadCpuTime();
            calls();
            cpu[r] = (threads.getCurrentThreadCpuTime() - start) / (double) CALLS;
            bytes[r] = (threads.getThreadAllocatedBytes(id) - allocated) / (double) CALLS;
        }
        Arrays.sort(cpu);
        Arrays.sort(bytes);
        System.out.printf("%s: %.1f ns CPU (min %.1f, max %.1f), %.1f bytes allocated per call (median of %d rounds of %d)%n",
                CALL, cpu[ROUNDS / 2], cpu[0], cpu[ROUNDS - 1], bytes[ROUNDS / 2], ROUNDS, CALLS);
        server.shutdownNow();
        System.exit(0);
    }
}
