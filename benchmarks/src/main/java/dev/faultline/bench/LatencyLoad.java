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
 * <p99.9> <max> cpu <the thread's CPU per call, parking included>} in nanoseconds. Before the timed calls, 7000 untimed ones as fast as
 * they can (the agent's queue overflows then), and then 30 s of untimed paced calls (see
 * {@link #main}: the JIT recompiles the logging method once the queue has room again, and does
 * it late while the writer's own code keeps the C2 compiler busy).
 */
public final class LatencyLoad {
    private static final int LOGGERS = 64;
    /** {@code -Dlatency.warmup=N}: untimed calls before the timed ones (default 7000). */
    private static final int WARMUP = Integer.getInteger("latency.warmup", 7_000);
    /** {@code -Dlatency.settle=S}: seconds of untimed paced calls after the warm-up (default 30). */
    private static final double SETTLE_SECONDS = Double.parseDouble(System.getProperty("latency.settle", "30"));
    /** {@code -Dlatency.exception=reused}: every call logs the same exception (as JMH's rows do), else a new one each. */
    private static final IllegalStateException REUSED = "reused".equals(System.getProperty("latency.exception"))
            ? new IllegalStateException("card gateway unavailable") : null;
    /**
     * {@code -Dlatency.explain=true}: for each call also the thread's CPU time, minor page faults,
     * context switches and the JVM's GC count around it (read outside the timed region), and a
     * second line saying what the calls slower than the log call's p99 had in common.
     */
    private static final boolean EXPLAIN = Boolean.getBoolean("latency.explain");
    /** {@code -Dlatency.pace=spin}: wait for the next call spinning on the clock instead of parking, so that this thread keeps its core. */
    private static final boolean SPIN = "spin".equals(System.getProperty("latency.pace"));
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
        // Settling: the same paced calls, untimed. The warm-up fills the agent's queue, so C2
        // compiles the logging method (the agent's advice inlined) with the queue always full;
        // the first paced call that finds room takes an uncommon trap and the method runs in C1
        // until C2 compiles it again, which the C2 queue's load feedback delays while the
        // writer's code is compiled (4 to 20 s here, at 500 calls a second): a JIT transient
        // after a burst, not the steady state timed here (-XX:+PrintCompilation shows it).
        paced(logs, (int) (SETTLE_SECONDS * rate), rate, false);
        if (EXPLAIN) {
            // For a profiler attached from outside (jcmd JVMTI.agent_load) to start now.
            System.out.println("timed calls start");
        }
        paced(logs, (int) (seconds * rate), rate, true);
    }

    private static void paced(org.slf4j.Logger[] logs, int calls, int rate, boolean print) {
        long[] logNanos = new long[calls];
        long[] workNanos = new long[calls];
        long[][] why = EXPLAIN ? new long[calls][] : null;
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long[] kernelStart = threadStat();
        long logCpu = 0;
        long next = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0 && SPIN) {
                while (System.nanoTime() - next < 0) {
                    Thread.onSpinWait();
                }
            } else if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            IllegalStateException failure = REUSED != null ? REUSED : new IllegalStateException("card gateway unavailable");
            long[] before = EXPLAIN ? explain() : null;
            long c0 = cpu.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            logs[i % LOGGERS].error("order {} failed", i, failure);
            long t1 = System.nanoTime();
            long callCpu = cpu.getCurrentThreadCpuTime() - c0;
            logCpu += callCpu;
            if (EXPLAIN) {
                long[] after = explain();
                why[i] = new long[] {t1 - t0, callCpu, after[0] - before[0], after[1] - before[1], after[2] - before[2], after[3] - before[3]};
            }
            long sum = 0;
            for (int w : WORK) {
                sum += w;
            }
            sink = sum;
            long t2 = System.nanoTime();
            logNanos[i] = t1 - t0;
            workNanos[i] = t2 - t1;
        }
        if (!print) {
            return;
        }
        long cpuPerCall = (cpu.getCurrentThreadCpuTime() - cpuStart) / calls;
        long[] kernelEnd = threadStat();
        System.out.println("log " + percentiles(logNanos) + " work " + percentiles(workNanos) + " cpu " + cpuPerCall + " logcpu " + logCpu / calls
                + String.format(" minor_faults_per_1000_calls %.1f system_cpu_us_per_call %.1f",
                        (kernelEnd[0] - kernelStart[0]) * 1000.0 / calls, (kernelEnd[1] - kernelStart[1]) * 10_000.0 / calls));
        if (EXPLAIN) {
            System.out.println(slowest(why));
        }
    }

    private static final byte[] PROC = new byte[4096];
    private static java.io.RandomAccessFile stat;
    private static java.io.RandomAccessFile status;

    /**
     * Minor faults, voluntary and involuntary context switches of this thread, and collections of
     * every GC so far; the /proc files are opened once and read into one buffer, so that reading
     * them neither allocates nor faults.
     */
    private static long[] explain() {
        long[] out = new long[4];
        try {
            out[0] = statField(7);
            int n = read(status);
            out[1] = number(after(n, "\nvoluntary_ctxt_switches:"));
            out[2] = number(after(n, "nonvoluntary_ctxt_switches:"));
        } catch (java.io.IOException notLinux) {
            // zeros
        }
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            out[3] += gc.getCollectionCount();
        }
        return out;
    }

    /** Field {@code k} after the command name in /proc/thread-self/stat (0: state, 7: minor faults, 12: system time in ticks). */
    private static long statField(int k) throws java.io.IOException {
        if (stat == null) {
            stat = new java.io.RandomAccessFile("/proc/thread-self/stat", "r");
            status = new java.io.RandomAccessFile("/proc/thread-self/status", "r");
        }
        int n = read(stat);
        int i = n - 1;
        while (PROC[i] != ')') {
            i--;
        }
        int field = 0;
        for (i += 2; i < n && field < k; i++) {
            field += PROC[i] == ' ' ? 1 : 0;
        }
        return number(i);
    }

    private static int read(java.io.RandomAccessFile file) throws java.io.IOException {
        file.seek(0);
        int n = 0;
        for (int r; (r = file.read(PROC, n, PROC.length - n)) > 0;) {
            n += r;
        }
        return n;
    }

    private static int after(int n, String key) {
        outer:
        for (int i = 0; i + key.length() <= n; i++) {
            for (int k = 0; k < key.length(); k++) {
                if (PROC[i + k] != key.charAt(k)) {
                    continue outer;
                }
            }
            return i + key.length();
        }
        return n;
    }

    private static long number(int i) {
        while (i < PROC.length && (PROC[i] == ' ' || PROC[i] == '\t')) {
            i++;
        }
        long v = 0;
        while (i < PROC.length && PROC[i] >= '0' && PROC[i] <= '9') {
            v = v * 10 + PROC[i++] - '0';
        }
        return v;
    }

    /** What the calls above the p99 of the log call had: CPU share of their wall time, faults, switches, GCs. */
    private static String slowest(long[][] why) {
        long[] walls = new long[why.length];
        for (int i = 0; i < why.length; i++) {
            walls[i] = why[i][0];
        }
        Arrays.sort(walls);
        long p99 = walls[(int) (walls.length * 0.99)];
        int n = 0;
        int offCpu = 0;
        int faulted = 0;
        int voluntary = 0;
        int involuntary = 0;
        int collected = 0;
        long faults = 0;
        long cpuSum = 0;
        long wallSum = 0;
        for (long[] w : why) {
            if (w[0] < p99) {
                continue;
            }
            n++;
            wallSum += w[0];
            cpuSum += w[1];
            offCpu += w[1] < w[0] / 2 ? 1 : 0;
            faulted += w[2] > 0 ? 1 : 0;
            faults += w[2];
            voluntary += w[3] > 0 ? 1 : 0;
            involuntary += w[4] > 0 ? 1 : 0;
            collected += w[5] > 0 ? 1 : 0;
        }
        return String.format("slowest %d calls (>= %d ns): mean wall %d ns, mean cpu %d ns, off-cpu %d, with faults %d (%d in all),"
                + " voluntary switch %d, involuntary switch %d, during a GC %d", n, p99, wallSum / n, cpuSum / n, offCpu, faulted, faults,
                voluntary, involuntary, collected);
    }

    /**
     * This thread's minor page faults and system time in clock ticks (1/100 s) from
     * /proc/thread-self/stat (Linux; zeros elsewhere): where CPU time goes that JFR's sampler does not see.
     */
    private static long[] threadStat() {
        try {
            return new long[] {statField(7), statField(12)};
        } catch (java.io.IOException notLinux) {
            return new long[2];
        }
    }

    private static String percentiles(long[] nanos) {
        Arrays.sort(nanos);
        int n = nanos.length;
        return nanos[n / 2] + " " + nanos[(int) (n * 0.99)] + " " + nanos[(int) (n * 0.999)] + " " + nanos[n - 1];
    }
}
