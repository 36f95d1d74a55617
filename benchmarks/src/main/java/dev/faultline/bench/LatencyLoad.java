package dev.faultline.bench;

import ch.qos.logback.classic.Logger;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;

/**
 * The application side of {@link CallLatency}: one thread logs {@code rate} errors a second for
 * {@code seconds} (each with a new exception, spread over 64 loggers so that no call site becomes a
 * storm and the agent's writer really formats, encodes and writes every one), and between two
 * calls times a fixed piece of the application's own work (summing 4096 ints). Both are timed
 * with {@code System.nanoTime} around the call, so a GC pause, a safepoint or a lock the agent's
 * writer causes shows in their tail. Prints {@code log <p50> <p99> <p99.9> <max> work <p50> <p99>
 * <p99.9> <max> cpu <the thread's CPU per call, parking included>} in nanoseconds. Before the timed calls, {@value #WARMUP} untimed ones as fast as
 * they can (the agent's queue overflows then and its writer still drains them while the timed calls run).
 */
public final class LatencyLoad {
    private static final int LOGGERS = 64;
    private static final int WARMUP = 7_000;
    /** {@code -Dlatency.exception=reused}: every call logs the same exception (as JMH's rows do), else a new one each. */
    private static final IllegalStateException REUSED = "reused".equals(System.getProperty("latency.exception"))
            ? new IllegalStateException("card gateway unavailable") : null;
    private static final int[] WORK = new int[4096];
    private static volatile long sink;

    private LatencyLoad() {
    }

    public static void main(String[] args) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAndStopAllAppenders();
        double seconds = Double.parseDouble(args[0]);
        int rate = Integer.parseInt(args[1]);
        org.slf4j.Logger[] logs = new org.slf4j.Logger[LOGGERS];
        for (int i = 0; i < LOGGERS; i++) {
            logs[i] = LoggerFactory.getLogger("com.example.shop.Checkout" + i);
        }
        Arrays.fill(WORK, 7);
        // Warm-up: the JIT compiles the logging path (and the agent's) before anything is timed,
        // through loggers of their own so that the timed ones start with fresh storm windows.
        for (int i = 0; i < WARMUP; i++) {
            LoggerFactory.getLogger("com.example.warmup.Checkout" + i % LOGGERS)
                    .error("order {} failed", i, new IllegalStateException("card gateway unavailable"));
        }
        int calls = (int) (seconds * rate);
        long[] logNanos = new long[calls];
        long[] workNanos = new long[calls];
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long[] kernelStart = threadStat();
        long logCpu = 0;
        long next = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            IllegalStateException failure = REUSED != null ? REUSED : new IllegalStateException("card gateway unavailable");
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            logs[i % LOGGERS].error("order {} failed", i, failure);
            long t1 = System.nanoTime();
            logCpu += cpu.getCurrentThreadCpuTime() - c0;
            long sum = 0;
            for (int w : WORK) {
                sum += w;
            }
            sink = sum;
            long t2 = System.nanoTime();
            logNanos[i] = t1 - t0;
            workNanos[i] = t2 - t1;
        }
        long cpuPerCall = (cpu.getCurrentThreadCpuTime() - cpuStart) / calls;
        long[] kernelEnd = threadStat();
        System.out.println("log " + percentiles(logNanos) + " work " + percentiles(workNanos) + " cpu " + cpuPerCall + " logcpu " + logCpu / calls
                + String.format(" minor_faults_per_1000_calls %.1f system_cpu_us_per_call %.1f",
                        (kernelEnd[0] - kernelStart[0]) * 1000.0 / calls, (kernelEnd[1] - kernelStart[1]) * 10_000.0 / calls));
    }

    /**
     * This thread's minor page faults and system time in clock ticks (1/100 s) from
     * /proc/thread-self/stat (Linux; zeros elsewhere): where CPU time goes that JFR's sampler does not see.
     */
    private static long[] threadStat() {
        try {
            String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/thread-self/stat")));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[7]), Long.parseLong(f[12])};
        } catch (Exception notLinux) {
            return new long[2];
        }
    }

    private static String percentiles(long[] nanos) {
        Arrays.sort(nanos);
        int n = nanos.length;
        return nanos[n / 2] + " " + nanos[(int) (n * 0.99)] + " " + nanos[(int) (n * 0.999)] + " " + nanos[n - 1];
    }
}
