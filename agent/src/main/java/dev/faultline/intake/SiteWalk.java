package dev.faultline.intake;

import dev.faultline.instrument.CapturePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds the logging call site of an event without a throwable, on the application thread, at a
 * cost that does not grow with the application's stack depth: a {@code StackWalker} walk from the
 * top of the stack that stops at the first frame outside the agent's bridge and intake, the JDK
 * and the logging frameworks. It visits only the frames above the application's call (the
 * framework's own few), whereas a {@code Throwable} records the whole stack (the cost measured
 * 1 us at depth 15 and 5 to 8 us at depth 120 on JDK 17).
 *
 * <p>The frame is kept as is: its class and bytecode index are read here, the file name and the
 * line (which make the JDK build a {@code StackTraceElement}) on the writer thread
 * ({@code pipeline.CallSite}). Whether a class is skipped is decided once per class.
 */
public final class SiteWalk {
    /**
     * The frames one walk fetches first: the bridge, the intake and a logging framework's own
     * frames fit (Logback 1.5: six), so a walk is one batch whatever the application's depth.
     */
    static final int FIRST_BATCH = 16;

    private static final StackWalker WALKER =
            StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE), FIRST_BATCH);

    private static final List<String> SKIPPED = skippedPrefixes();

    /** Decided once per class: a prefix search per frame would cost more than the walk. */
    static final ClassValue<Boolean> SKIP = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return skipped(type.getName());
        }
    };

    // A field, not a lambda per call: the walk allocates no capturing objects of ours.
    private static final Function<Stream<StackWalker.StackFrame>, Optional<StackWalker.StackFrame>> FIRST_OUTSIDE =
            frames -> frames.filter(frame -> !SKIP.get(frame.getDeclaringClass())).findFirst();

    private SiteWalk() {
    }

    /** The caller's first frame outside the agent, the JDK and the logging frameworks, or null. */
    public static StackWalker.StackFrame callSite() {
        return WALKER.walk(FIRST_OUTSIDE).orElse(null);
    }

    /** The agent's bridge and intake, the JDK, and every capture path's framework packages. */
    public static boolean skipped(String className) {
        for (String prefix : SKIPPED) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> skippedPrefixes() {
        List<String> prefixes = new ArrayList<String>();
        prefixes.add("dev.faultline.bootstrap.");
        prefixes.add("dev.faultline.intake.");
        prefixes.addAll(CapturePaths.JDK_PACKAGES);
        prefixes.addAll(CapturePaths.frameworkPackages());
        return List.copyOf(prefixes);
    }
}
