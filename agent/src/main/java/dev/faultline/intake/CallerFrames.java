package dev.faultline.intake;

import dev.faultline.instrument.CapturePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Which frames are not the application's call of a logger: the agent's bridge and intake, the
 * JDK, every capture path's framework packages, the application's own logging wrappers
 * ({@code log-wrappers}) and, per event, the class the framework was told the logging code ends
 * with (its FQCN, {@link SiteBoundary}). The first frame from the top that is none of these is the
 * call site, as Logback's and Log4j2's own caller data find it, found from a kept backtrace on the
 * writer ({@link #site(StackTraceElement[], Object)}, {@code pipeline.CallSite}) or by a walk on
 * the application thread ({@link #walk}). A JUL record's explicit source ({@link Source}) names the
 * call site instead: the first frame of that class and method.
 *
 * <p>Only the frames above the call site are visited, so the cost does not grow with the depth; a
 * JUL source is looked for in the top {@link #SOURCE_SEARCH} frames at most.
 */
public final class CallerFrames {
    private static final String[] SKIPPED = skippedPrefixes();
    /** Frames searched for a JUL record's explicit source before it is taken as written, without a line. */
    static final int SOURCE_SEARCH = 32;
    private static final String[] NONE = new String[0];
    /** {@code log-wrappers}, set once at start; read by every search. */
    private static volatile String[] wrappers = NONE;

    private CallerFrames() {
    }

    /** Sets {@code log-wrappers}: class names or package prefixes whose frames are skipped like a framework's. */
    public static void useWrappers(List<String> names) {
        wrappers = names.toArray(new String[0]);
    }

    /** The JDK, the logging frameworks, the agent's bridge and intake (not the configured wrappers). */
    public static boolean skipped(String className) {
        for (String prefix : SKIPPED) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code name}, a class name or package prefix as written in {@code log-wrappers}
     * (or an FQCN), covers {@code className}: the class itself, its nested classes, or a class in
     * the package or below it.
     */
    static boolean covers(String name, String className) {
        if (!className.startsWith(name)) {
            return false;
        }
        if (className.length() == name.length() || name.endsWith(".")) {
            return true;
        }
        char next = className.charAt(name.length());
        return next == '.' || next == '$';
    }

    /**
     * True when a frame of {@code className} is logging code above the call site: skipped, or one
     * of {@code wrapperNames}, or covered by {@code fqcn} (the framework's boundary, or null).
     */
    static boolean above(String className, String fqcn, String[] wrapperNames) {
        if (skipped(className) || fqcn != null && covers(fqcn, className)) {
            return true;
        }
        for (String w : wrapperNames) {
            if (covers(w, className)) {
                return true;
            }
        }
        return false;
    }

    /** True when a class named in a boundary is itself logging code: then the boundary says nothing new. */
    static boolean isLoggingCode(String className) {
        return above(className, null, wrappers);
    }

    /**
     * A JUL record's source class and method, set by the application ({@code logp}, {@code
     * setSourceClassName}, or a facade such as slf4j-jdk14 that computed it): the call site is
     * the first frame of that class and method; when none is near the top, the source as written,
     * without a file and line. Equal by value: part of the call-site cache's key.
     */
    public static final class Source {
        final String className;
        /** Null when only the class was set: any method of it. */
        final String method;

        Source(String className, String method) {
            this.className = className;
            this.method = method;
        }

        boolean is(String frameClass, String frameMethod) {
            return className.equals(frameClass) && (method == null || method.equals(frameMethod));
        }

        CallSiteCache.Site asWritten() {
            return new CallSiteCache.Site(className, method == null ? "" : method, null, -1);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Source)) {
                return false;
            }
            Source s = (Source) o;
            return className.equals(s.className) && (method == null ? s.method == null : method.equals(s.method));
        }

        @Override
        public int hashCode() {
            return className.hashCode() * 31 + (method == null ? 0 : method.hashCode());
        }
    }

    /**
     * One search from the top of a stack, fed frame by frame: the same rule for the writer's
     * backtrace and the application thread's walk.
     */
    private static final class Search {
        private final String fqcn;
        private final Source source;
        private final String[] wrapperNames;
        private int seen;

        Search(Object boundary, String[] wrapperNames) {
            this.fqcn = boundary instanceof String ? (String) boundary : null;
            this.source = boundary instanceof Source ? (Source) boundary : null;
            this.wrapperNames = wrapperNames;
        }

        /** Whether {@link #at} reads the method name (resolving it costs a walk more per frame). */
        boolean needsMethod() {
            return source != null;
        }

        /** 1: this frame is the call site; 0: go on; -1: stop, {@link #none} is the answer. */
        int at(String className, String method) {
            if (source != null) {
                if (source.is(className, method)) {
                    return 1;
                }
                return ++seen >= SOURCE_SEARCH ? -1 : 0;
            }
            return above(className, fqcn, wrapperNames) ? 0 : 1;
        }

        CallSiteCache.Site none() {
            return source == null ? null : source.asWritten();
        }
    }

    /**
     * The call site among {@code frames} (top first) for an event with this boundary (null, an
     * FQCN, or a {@link Source}); null when no frame qualifies.
     */
    public static CallSiteCache.Site site(StackTraceElement[] frames, Object boundary) {
        return site(frames, boundary, wrappers);
    }

    static CallSiteCache.Site site(StackTraceElement[] frames, Object boundary, String[] wrapperNames) {
        Search search = new Search(boundary, wrapperNames);
        for (StackTraceElement f : frames) {
            int verdict = search.at(f.getClassName(), search.needsMethod() ? f.getMethodName() : null);
            if (verdict > 0) {
                return new CallSiteCache.Site(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber());
            }
            if (verdict < 0) {
                break;
            }
        }
        return search.none();
    }

    /**
     * The call site of the current thread's logging call, by a {@code StackWalker} walk that stops
     * at the first frame that is not skipped: its cost does not grow with the depth (1.5 to 3 us,
     * JDK 17 and 25). Gives null when no frame qualifies.
     */
    static final CallSiteCache.Walk WALK = new FirstCaller(null);

    /** {@link #WALK} for events with this boundary (an FQCN or a {@link Source}). */
    public static CallSiteCache.Walk walk(Object boundary) {
        return boundary == null ? WALK : new FirstCaller(boundary);
    }

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
    private static final class FirstCaller implements Function<Stream<StackWalker.StackFrame>, CallSiteCache.Site>,
            CallSiteCache.Walk {
        private final Object boundary;

        FirstCaller(Object boundary) {
            this.boundary = boundary;
        }

        @Override
        public CallSiteCache.Site walk() {
            return Walker.WALKER.walk(this);
        }

        @Override
        public CallSiteCache.Site apply(Stream<StackWalker.StackFrame> frames) {
            Search search = new Search(boundary, wrappers);
            java.util.Iterator<StackWalker.StackFrame> it = frames.iterator();
            while (it.hasNext()) {
                StackWalker.StackFrame f = it.next();
                int verdict = search.at(f.getClassName(), search.needsMethod() ? f.getMethodName() : null);
                if (verdict > 0) {
                    return new CallSiteCache.Site(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber());
                }
                if (verdict < 0) {
                    break;
                }
            }
            return search.none();
        }
    }
}
