package dev.faultline.intake;

import dev.faultline.instrument.CapturePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Which frames are not the application's call of a logger: the agent's bridge and intake, the
 * JDK, and every capture path's framework packages. The first frame that is none of these is the
 * call site, found from a kept backtrace on the writer ({@code pipeline.CallSite}) or by a walk on
 * the application thread ({@link #walk}).
 */
public final class CallerFrames {
    private static final String[] SKIPPED = skippedPrefixes();

    private CallerFrames() {
    }

    public static boolean skipped(String className) {
        for (String prefix : SKIPPED) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The call site of the current thread's logging call, by a {@code StackWalker} walk that stops
     * at the first frame that is not skipped: its cost does not grow with the depth (1.5 to 3 us,
     * JDK 17 and 25). Gives null when no frame qualifies.
     */
    static final CallSiteCache.Walk WALK = new CallSiteCache.Walk() {
        @Override
        public CallSiteCache.Site walk() {
            return Walker.WALKER.walk(FirstCaller.INSTANCE);
        }
    };

    private static String[] skippedPrefixes() {
        List<String> prefixes = new ArrayList<String>();
        prefixes.add("dev.faultline.bootstrap.");
        prefixes.add("dev.faultline.intake.");
        prefixes.addAll(CapturePaths.JDK_PACKAGES);
        prefixes.addAll(CapturePaths.frameworkPackages());
        return prefixes.toArray(new String[0]);
    }

    /** Loaded at the first walk, never in premain. */
    private static final class Walker {
        static final StackWalker WALKER = StackWalker.getInstance();
    }

    /** A class, not a lambda: a lambda's class would be spun on the application thread at its first use. */
    private static final class FirstCaller implements Function<Stream<StackWalker.StackFrame>, CallSiteCache.Site> {
        static final FirstCaller INSTANCE = new FirstCaller();

        @Override
        public CallSiteCache.Site apply(Stream<StackWalker.StackFrame> frames) {
            java.util.Iterator<StackWalker.StackFrame> it = frames.iterator();
            while (it.hasNext()) {
                StackWalker.StackFrame f = it.next();
                if (!skipped(f.getClassName())) {
                    return new CallSiteCache.Site(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber());
                }
            }
            return null;
        }
    }
}
