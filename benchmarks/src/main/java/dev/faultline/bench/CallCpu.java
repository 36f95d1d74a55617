package dev.faultline.bench;

import com.sun.management.ThreadMXBean;
import de.bwaldvogel.mongo.MongoServer;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.logging.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.ThreadContext;
import org.slf4j.MDC;

/**
 * The application thread's CPU time and allocation per log call, measured with the thread's own
 * CPU clock and allocation counter rather than the wall clock: on a machine shared with other
 * builds (load 10+ on 2 cores) JMH's wall-clock figures for a 100 ns call swing by microseconds,
 * and its allocation figure counts every thread (the agent's writer too), while a thread's CPU
 * time does not count the time it waited for a core. Run it in JVMs with and without the agent and
 * compare (docs/BENCHMARKS.md):
 * {@code java [-javaagent:...] -Dbench.call=<call> [-Dbench.framework=<framework>] -cp benchmarks/target/benchmarks.jar dev.faultline.bench.CallCpu}
 * with {@code <call>} one of {@code info} (default: an INFO call below the capture level, a
 * breadcrumb), {@code info-string} (the same with a String argument), {@code debug} (below the
 * application's own level: the framework returns before the agent's hook), {@code error-exception},
 * {@code error}, {@code error-deep} (120 frames down), {@code suppressed} (an active error code),
 * and {@code <framework>} one of {@code logback} (default), {@code log4j2}, {@code log4j2-async}
 * (an AsyncLogger) or {@code jul}.
 * {@code -Dbench.appender=keep} makes Logback's appender keep the last event, as real appenders do
 * ({@link LogCallBenchmark#discardingLogger}). {@code -Dbench.mdc=N} (Logback only) puts N entries
 * in the thread's MDC once, before the first call, as {@code LogCallBenchmark}'s {@code mdcEntries}
 * does. Prints the median of the rounds.
 */
public final class CallCpu {
    private static final String CALL = System.getProperty("bench.call", "info");
    private static final String FRAMEWORK = System.getProperty("bench.framework", "logback");
    private static final int CALLS = Integer.getInteger("calls", CALL.startsWith("info") || CALL.equals("debug") ? 2_000_000 : 200_000);
    private static final int ROUNDS = Integer.getInteger("rounds", 15);
    private static final int DEPTH = 120;
    private static final String CODE = "witness_api_invalid_response_bench";
    private static final String[] NAMES = new String[1024];
    private static final IllegalStateException FAILURE = new IllegalStateException("payment declined",
            new java.io.IOException("connection reset"));

    static {
        for (int i = 0; i < NAMES.length; i++) {
            NAMES[i] = "user-" + i;
        }
    }

    /** One framework's calls; {@code arg} is the call's one argument, {@code t} its throwable or null. */
    private interface Framework {
        void info(Object arg);

        void debug(Object arg);

        void error(Object arg, Throwable t);

        /** An ERROR carrying {@link #CODE} in the framework's context. */
        void errorWithCode(Object arg);
    }

    private static Framework log;
    private static int order;

    private CallCpu() {
    }

    private static Framework framework() {
        switch (FRAMEWORK) {
            case "logback":
                return slf4j(LogCallBenchmark.discardingLogger());
            case "log4j2":
            case "log4j2-async":
                return log4j2(LogManager.getLogger(FRAMEWORK.equals("log4j2") ? "com.example.shop.Checkout"
                        : "com.example.async.Checkout"));
            case "jul":
                return jul(JulBenchmark.discardingLogger());
            default:
                throw new IllegalArgumentException("bench.framework=" + FRAMEWORK + ": expected logback, log4j2, log4j2-async or jul");
        }
    }

    private static Framework slf4j(org.slf4j.Logger logger) {
        return new Framework() {
            public void info(Object arg) {
                logger.info("order {} shipped", arg);
            }

            public void debug(Object arg) {
                logger.debug("order {} priced", arg);
            }

            public void error(Object arg, Throwable t) {
                logger.error("order {} failed", arg, t);
            }

            public void errorWithCode(Object arg) {
                MDC.put("error_code", CODE);
                logger.error("order {} failed", arg);
                MDC.remove("error_code");
            }
        };
    }

    private static Framework log4j2(org.apache.logging.log4j.Logger logger) {
        return new Framework() {
            public void info(Object arg) {
                logger.info("order {} shipped", arg);
            }

            public void debug(Object arg) {
                logger.debug("order {} priced", arg);
            }

            public void error(Object arg, Throwable t) {
                logger.error("order {} failed", arg, t);
            }

            public void errorWithCode(Object arg) {
                ThreadContext.put("error_code", CODE);
                logger.error("order {} failed", arg);
                ThreadContext.remove("error_code");
            }
        };
    }

    private static Framework jul(java.util.logging.Logger logger) {
        Map<String, String> code = Map.of("error_code", CODE);
        return new Framework() {
            public void info(Object arg) {
                logger.log(Level.INFO, "order {0} shipped", arg);
            }

            public void debug(Object arg) {
                logger.log(Level.FINE, "order {0} priced", arg);
            }

            public void error(Object arg, Throwable t) {
                if (t == null) {
                    logger.log(Level.SEVERE, "order {0} failed", arg);
                } else {
                    logger.log(Level.SEVERE, "order " + arg + " failed", t);
                }
            }

            public void errorWithCode(Object arg) {
                logger.log(Level.SEVERE, "order {0} failed", new Object[] {arg, code});
            }
        };
    }

    private static void call() {
        switch (CALL) {
            case "info":
                log.info(++order);
                break;
            case "info-string":
                log.info(NAMES[++order & 1023]);
                break;
            case "debug":
                log.debug(++order);
                break;
            case "error-exception":
                log.error(++order, FAILURE);
                break;
            case "error":
                log.error(++order, null);
                break;
            case "error-deep":
                deep(DEPTH);
                break;
            case "suppressed":
                log.errorWithCode(++order);
                break;
            default:
                throw new IllegalArgumentException("bench.call=" + CALL + ": expected info, info-string, debug, "
                        + "error-exception, error, error-deep or suppressed");
        }
    }

    private static void deep(int frames) {
        if (frames == 0) {
            log.error(++order, null);
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
        log = framework();
        int mdc = Integer.getInteger("bench.mdc", 0);
        if (mdc > 0) {
            if (!FRAMEWORK.equals("logback")) {
                throw new IllegalArgumentException("bench.mdc is for bench.framework=logback only");
            }
            LogCallBenchmark.fillMdc(mdc);
        }
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
        System.out.printf("%s %s: %.1f ns CPU (min %.1f, max %.1f), %.1f bytes allocated per call (median of %d rounds of %d)%n",
                FRAMEWORK, CALL, cpu[ROUNDS / 2], cpu[0], cpu[ROUNDS - 1], bytes[ROUNDS / 2], ROUNDS, CALLS);
        server.shutdownNow();
        System.exit(0);
    }
}
