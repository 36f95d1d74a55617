package dev.faultline.intake;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The call sites of errors logged without a throwable, remembered per logger and template, so
 * that the application thread stops paying a stack capture whose cost grows with the depth
 * (about 20 ns a frame on JDK 17: 2.5 us at 120 frames).
 *
 * <p>The rule: the first {@link #TRUSTED_AFTER} calls of a logger and template are walked on the
 * application thread ({@link CallerFrames#walk}, 1.5 to 3 us at any depth); when they all found
 * the same site, the site comes from memory, and one call in {@link #RECHECK} is still walked.
 * A walk that finds another site marks the pair shared by two sites, and from then on every call
 * of it keeps its backtrace (resolved on the writer, as for a pair not remembered). So the
 * location is exact for every call until a pair is trusted and for every call once a second site
 * is found; a second site that starts logging after the first was trusted is found within
 * {@link #RECHECK} of its calls, and at most {@code RECHECK - 1} of them carry the first site's
 * location (docs/PATHS.md).
 *
 * <p>Memory: {@link #SLOTS} entries at most (a colliding pair replaces the older one), and a
 * template longer than {@link #MAX_TEMPLATE} characters (a message built by concatenation, which
 * rarely repeats) is not remembered.
 */
public final class CallSiteCache {
    static final int SLOTS = 1024;
    static final int TRUSTED_AFTER = 8;
    /** A power of two. */
    static final int RECHECK = 16;
    static final int MAX_TEMPLATE = 512;

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<Entry>(SLOTS);

    /** The entry of this logger and template, new when none is remembered; null when neither can be a key. */
    public Entry entry(String logger, String template) {
        return entry(logger, template, null);
    }

    /**
     * The entry of this logger, template and call-site boundary ({@link SiteBoundary}: null, an
     * FQCN or a JUL source), new when none is remembered. The boundary is part of the key: the
     * same template logged through a wrapper that names itself and directly is two entries, each
     * walked with its own rule.
     */
    public Entry entry(String logger, String template, Object boundary) {
        if (logger == null || template == null || template.length() > MAX_TEMPLATE) {
            return null;
        }
        int h = logger.hashCode() * 31 + template.hashCode();
        if (boundary != null) {
            h = h * 31 + boundary.hashCode();
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry known = slots.get(slot);
        if (known != null && known.is(logger, template, boundary)) {
            return known;
        }
        Entry fresh = new Entry(logger, template, boundary);
        slots.set(slot, fresh);
        return fresh;
    }

    /** How a call site is found when memory cannot say: {@link CallerFrames#WALK}, or a test's. */
    public interface Walk {
        Site walk();
    }

    /** Where one logger and template is called from. */
    public static final class Entry {
        private final String logger;
        private final String template;
        private final Object boundary;
        /** The walk with this entry's boundary, made once. */
        private final Walk walk;
        private volatile Site trusted;
        private volatile boolean shared;
        /** Racy on purpose: it only spreads the rechecks. */
        private int calls;
        // Guarded by this; touched only by walked calls.
        private Site candidate;
        private int agreeing;

        Entry(String logger, String template, Object boundary) {
            this.logger = logger;
            this.template = template;
            this.boundary = boundary;
            this.walk = CallerFrames.walk(boundary);
        }

        boolean is(String otherLogger, String otherTemplate, Object otherBoundary) {
            return (logger == otherLogger || logger.equals(otherLogger))
                    && (template == otherTemplate || template.equals(otherTemplate))
                    && (boundary == otherBoundary || boundary != null && boundary.equals(otherBoundary));
        }

        /** Application thread: this call's site, from memory or a walk; null when the call must keep its backtrace. */
        public Site site() {
            return site(walk);
        }

        Site site(Walk walk) {
            if (shared) {
                return null;
            }
            Site known = trusted;
            if (known != null && (++calls & (RECHECK - 1)) != 0) {
                return known;
            }
            Site walked = walk.walk();
            if (walked != null) {
                learn(walked);
            }
            return walked;
        }

        private synchronized void learn(Site walked) {
            Site known = trusted;
            if (known != null) {
                if (!known.is(walked)) {
                    shared = true;
                    trusted = null;
                }
            } else if (candidate == null) {
                candidate = walked;
                agreeing = 1;
            } else if (!candidate.is(walked)) {
                shared = true;
            } else if (++agreeing >= TRUSTED_AFTER && !shared) {
                trusted = candidate;
            }
        }

        boolean isShared() {
            return shared;
        }
    }

    /**
     * One call site: the first frame outside the logging framework, the JDK, the agent, the
     * configured wrappers and the event's boundary ({@link CallerFrames}).
     */
    public static final class Site {
        public final String className;
        public final String method;
        public final String file;
        public final int line;

        public Site(String className, String method, String file, int line) {
            this.className = className;
            this.method = method;
            this.file = file;
            this.line = line;
        }

        /** Sets {@code e}'s call site to this one. */
        public void copyTo(dev.faultline.bootstrap.CapturedEvent e) {
            e.siteClass = className;
            e.siteMethod = method;
            e.siteFile = file;
            e.siteLine = line;
        }

        boolean is(Site other) {
            return line == other.line && className.equals(other.className) && method.equals(other.method);
        }
    }
}
