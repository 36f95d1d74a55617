package dev.faultline.bench;

import ch.qos.logback.classic.Logger;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * The application side of {@link StormThroughput}: N threads log the same error (a new exception
 * each time) through Logback with no appender, as fast as they can, for S seconds; then prints
 * {@code calls <n> seconds <s> peak_rss_kib <VmHWM> thread_cpu_ns <the logging threads' CPU>
 * process_cpu_ns <the whole JVM's CPU so far>}.
 */
public final class StormLoad {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger("com.example.shop.Checkout");
    private static volatile boolean stop;

    private StormLoad() {
    }

    public static void main(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAndStopAllAppenders();
        double seconds = Double.parseDouble(args[0]);
        int threads = Integer.parseInt(args[1]);
        AtomicLong calls = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                long n = 0;
                while (!stop) {
                    log.error("order {} failed", n, new IllegalStateException("card gateway unavailable"));
                    n++;
                }
                calls.addAndGet(n);
                cpuNanos.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
            }, "storm-" + t);
        }
        long start = System.nanoTime();
        for (Thread w : workers) {
            w.start();
        }
        Thread.sleep((long) (seconds * 1000));
        stop = true;
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long processCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        System.out.println("calls " + calls.get() + " seconds " + elapsed + " peak_rss_kib " + peakRssKib()
                + " thread_cpu_ns " + cpuNanos.get() + " process_cpu_ns " + processCpu);
    }

    /** VmHWM from /proc/self/status (Linux), -1 elsewhere. */
    static long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }
}
