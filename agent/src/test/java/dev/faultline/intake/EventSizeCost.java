package dev.faultline.intake;

import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * The application thread's cost of {@link EventSize#fit} per queued event, by the size of the
 * MDC, in one thread of one JVM (not a test; BENCHMARKS.md, MDC size on the application thread):
 * the event of {@code LogCallBenchmark.errorWithException} (template, one boxed argument, a
 * throwable) with the map Logback hands the agent's hook ({@code LogbackMDCAdapter#getPropertyMap},
 * filled once as the benchmark's {@code mdcEntries} does: {@code job_id}, then 20-character
 * values). In a tight loop of one error the intake sheds all but one call in 1024 before
 * {@code fit} (a storm), so {@code LogCallBenchmark} does not show this cost; a paced error,
 * every one of which is queued, pays it once.
 * {@code java -cp agent/target/test-classes:agent/target/classes:<the agent's test class path, from
 * mvn -o -q dependency:build-classpath -pl agent> dev.faultline.intake.EventSizeCost [entries,...] [rounds]}
 * (defaults 0,5,30 and 15); an earlier build's {@code EventSize.class} first on the class path
 * measures that build. Prints per MDC size the median (min..max) of the rounds' ns per call and
 * what it adds to the first size, round by round; nothing is asserted.
 */
public final class EventSizeCost {
    private static final int EVENTS = 1024;
    private static final int CALLS = 2_000_000;
    private static long sink;

    private EventSizeCost() {
    }

    public static void main(String[] args) {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "0,5,30").split(",")).mapToInt(Integer::parseInt).toArray();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        EventSize fit = new EventSize(8192);
        CapturedEvent[][] events = new CapturedEvent[sizes.length][];
        for (int s = 0; s < sizes.length; s++) {
            events[s] = events(mdc(sizes[s]));
        }
        double[][] ns = new double[sizes.length][rounds];
        for (int warm = 0; warm < 5; warm++) {
            for (CapturedEvent[] e : events) {
                calls(fit, e);
            }
        }
        // The sizes alternate within each round, so a change in the machine's load falls on all of them.
        for (int r = 0; r < rounds; r++) {
            for (int s = 0; s < sizes.length; s++) {
                long start = System.nanoTime();
                calls(fit, events[s]);
                ns[s][r] = (System.nanoTime() - start) / (double) CALLS;
            }
        }
        for (int s = 0; s < sizes.length; s++) {
            double[] sorted = ns[s].clone();
            Arrays.sort(sorted);
            double[] added = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                added[r] = ns[s][r] - ns[0][r];
            }
            Arrays.sort(added);
            System.out.printf("mdc %2d entries: %6.1f ns per fit (%.1f..%.1f); vs %d entries %+6.1f (%+.1f..%+.1f), %d rounds of %d%n",
                    sizes[s], sorted[rounds / 2], sorted[0], sorted[rounds - 1], sizes[0], added[rounds / 2], added[0],
                    added[rounds - 1], rounds, CALLS);
        }
        System.out.println(sink == 42 ? "" : "");
    }

    private static void calls(EventSize fit, CapturedEvent[] events) {
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += fit.fit(events[i & (EVENTS - 1)]);
        }
        sink += sum;
    }

    /** What Logback's event hands the hook: the adapter's read-only map, or an empty map without one. */
    static Map<String, String> mdc(int entries) {
        LogbackMDCAdapter adapter = new LogbackMDCAdapter();
        if (entries > 0) {
            adapter.put("job_id", "job-42");
        }
        for (int i = 1; i < entries; i++) {
            adapter.put(String.format("mdc_%02d", i), String.format("value-%02d-abcdefghijk", i));
        }
        Map<String, String> map = adapter.getPropertyMap();
        return map == null ? Collections.emptyMap() : map;
    }

    private static CapturedEvent[] events(Map<String, String> context) {
        IllegalStateException failure = new IllegalStateException("payment declined");
        CapturedEvent[] events = new CapturedEvent[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            events[i] = new CapturedEvent("logback", Severity.ERROR, 0L, "com.example.shop.Checkout", "main",
                    "order {} failed", new Object[] {i}, CapturedEvent.FORMAT_SLF4J, failure, context, null, true);
        }
        return events;
    }
}
