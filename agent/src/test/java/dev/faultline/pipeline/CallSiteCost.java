package dev.faultline.pipeline;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.faultline.intake.CallSiteCache;
import dev.faultline.intake.CallerFrames;
import dev.faultline.intake.SiteBoundary;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The application thread's cost of finding a call site, per call, in one thread of one JVM (not a
 * test; BENCHMARKS.md, "Logging wrappers"): in a package the search does not skip, so this
 * class's frames are the application's. Rows, each at 10 and 120 frames deep: the walk as it was
 * before log-wrappers (a copy of the old loop), the walk now without a boundary, the walk through
 * a helper named by its FQCN; the boundary read from a Logback event with the framework's FQCN
 * (every usual call) and with a helper's; and the intake's whole path for a remembered site (read,
 * cache entry, site: 15 calls in 16 from memory). Prints the median (min..max) of the rounds.
 * {@code java -cp agent/target/test-classes:agent/target/classes:<test class path> dev.faultline.pipeline.CallSiteCost [rounds]}
 */
public final class CallSiteCost {
    private static final int CALLS = 200_000;
    private static long sink;
    private static final String HELPER = Helper.class.getName();

    private CallSiteCost() {
    }

    /** A logging helper: the walk with its FQCN goes past its frame. */
    static final class Helper {
        static CallSiteCache.Site through(CallSiteCache.Walk walk) {
            return walk.walk();
        }
    }

    /** The loop of the walk before this change: the first frame that is not skipped. */
    private static final class OldFirstCaller implements Function<Stream<StackWalker.StackFrame>, CallSiteCache.Site>,
            CallSiteCache.Walk {
        static final StackWalker WALKER = StackWalker.getInstance();

        @Override
        public CallSiteCache.Site walk() {
            return WALKER.walk(this);
        }

        @Override
        public CallSiteCache.Site apply(Stream<StackWalker.StackFrame> frames) {
            Iterator<StackWalker.StackFrame> it = frames.iterator();
            while (it.hasNext()) {
                StackWalker.StackFrame f = it.next();
                if (!CallerFrames.skipped(f.getClassName())) {
                    return new CallSiteCache.Site(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber());
                }
            }
            return null;
        }
    }

    interface Call {
        long run();
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        LoggerContext context = new LoggerContext();
        ch.qos.logback.classic.Logger logger = context.getLogger("shop");
        LoggingEvent usual = new LoggingEvent(ch.qos.logback.classic.Logger.class.getName(), logger, Level.ERROR, "t {}", null, null);
        LoggingEvent wrapped = new LoggingEvent(HELPER, logger, Level.ERROR, "t {}", null, null);
        CallSiteCache.Walk old = new OldFirstCaller();
        CallSiteCache.Walk plain = CallerFrames.walk(null);
        CallSiteCache.Walk past = CallerFrames.walk(HELPER);
        CallSiteCache cache = new CallSiteCache();
        String[] names = {"walk before (old loop)", "walk now, no boundary", "walk now, past an FQCN helper",
            "boundary read, framework FQCN", "boundary read, helper FQCN", "remembered site, before (entry+site)",
            "remembered site, now (read+entry+site)"};
        Call[] calls = {
            () -> old.walk().line,
            () -> plain.walk().line,
            () -> Helper.through(past).line,
            () -> SiteBoundary.of(usual) == null ? 1 : 0,
            () -> SiteBoundary.of(wrapped) == null ? 1 : 0,
            () -> {
                CallSiteCache.Site s = cache.entry("shop", "t {}").site();
                return s == null ? 0 : s.line;
            },
            () -> {
                Object b = SiteBoundary.of(usual);
                CallSiteCache.Site s = cache.entry("shop", "t {}", b).site();
                return s == null ? 0 : s.line;
            },
        };
        int[] depths = {10, 120};
        double[][][] ns = new double[depths.length][calls.length][rounds];
        for (int warm = 0; warm < 3; warm++) {
            for (int d = 0; d < depths.length; d++) {
                for (Call c : calls) {
                    at(depths[d], c);
                }
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int d = 0; d < depths.length; d++) {
                for (int c = 0; c < calls.length; c++) {
                    ns[d][c][r] = at(depths[d], calls[c]);
                }
            }
        }
        for (int d = 0; d < depths.length; d++) {
            for (int c = 0; c < calls.length; c++) {
                double[] sorted = ns[d][c].clone();
                Arrays.sort(sorted);
                System.out.printf("depth %3d  %-40s %8.1f ns (%.1f..%.1f)%n", depths[d], names[c], sorted[rounds / 2], sorted[0],
                        sorted[rounds - 1]);
            }
        }
        System.out.println(sink == 42 ? "" : "");
    }

    /** ns per call of {@code c}, run {@code depth} frames below here. */
    private static double at(int depth, Call c) {
        if (depth > 0) {
            return at(depth - 1, c);
        }
        long sum = 0;
        long start = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            sum += c.run();
        }
        double per = (System.nanoTime() - start) / (double) CALLS;
        sink += sum;
        return per;
    }
}
