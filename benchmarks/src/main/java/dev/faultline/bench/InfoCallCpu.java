package dev.faultline.bench;

import com.sun.management.ThreadMXBean;
import de.bwaldvogel.mongo.MongoServer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The application thread's CPU time and allocation per enabled INFO call below the capture level
 * (the call that becomes a breadcrumb), measured with the thread's own CPU clock rather than the
 * wall clock: on a machine shared with other builds (load 10+ on 2 cores) JMH's wall-clock figures
 * for a 100 ns call swing by microseconds, while a thread's CPU time does not count the time it
 * waited for a core. Run it in JVMs with and without the agent and compare (docs/BENCHMARKS.md):
 * {@code java [-javaagent:...] -cp benchmarks/target/benchmarks.jar dev.faultline.bench.InfoCallCpu}.
 * Prints the median of the rounds.
 */
public final class InfoCallCpu {
    private static final int CALLS = 2_000_000;
    private static final int ROUNDS = Integer.getInteger("rounds", 15);
    /** {@code -Dbench.arg=string}: the argument is one of 1024 user names (Strings) instead of a fresh Integer. */
    private static final boolean STRING_ARG = "string".equals(System.getProperty("bench.arg"));
    private static final String[] NAMES = new String[1024];

    static {
        for (int i = 0; i < NAMES.length; i++) {
            NAMES[i] = "user-" + i;
        }
    }

    private InfoCallCpu() {
    }

    private static int calls(org.slf4j.Logger log, int order) {
        for (int i = 0; i < CALLS; i++) {
            if (STRING_ARG) {
                log.info("user {} logged in", NAMES[++order & 1023]);
            } else {
                log.info("order {} shipped", ++order);
            }
        }
        return order;
    }

    public static void main(String[] args) {
        MongoServer server = BenchMongo.start();
        org.slf4j.Logger log = LogCallBenchmark.discardingLogger();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        double[] cpu = new double[ROUNDS];
        double[] bytes = new double[ROUNDS];
        int order = 0;
        for (int warm = 0; warm < 3; warm++) {
            order = calls(log, order);
        }
        for (int r = 0; r < ROUNDS; r++) {
            long allocated = threads.getThreadAllocatedBytes(id);
            long start = threads.getCurrentThreadCpuTime();
            order = calls(log, order);
            cpu[r] = (threads.getCurrentThreadCpuTime() - start) / (double) CALLS;
            bytes[r] = (threads.getThreadAllocatedBytes(id) - allocated) / (double) CALLS;
        }
        Arrays.sort(cpu);
        Arrays.sort(bytes);
        System.out.printf((STRING_ARG ? "info call (String argument)" : "info call (Integer argument)") + ": %.1f ns CPU (min %.1f, max %.1f), %.1f bytes allocated per call (median of %d rounds of %d)%n",
                cpu[ROUNDS / 2], cpu[0], cpu[ROUNDS - 1], bytes[ROUNDS / 2], ROUNDS, CALLS);
        server.shutdownNow();
        System.exit(0);
    }
}
