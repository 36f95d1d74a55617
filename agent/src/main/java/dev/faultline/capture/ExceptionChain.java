package dev.faultline.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A throwable and its causes, read once and defensively: every accessor of an application's
 * exception may throw or return null, and a cause chain may loop.
 */
final class ExceptionChain {
    /** One throwable as read: never null fields except {@code message}. */
    static final class Link {
        final Throwable throwable;
        final String type;
        final String message;
        final StackTraceElement[] frames;
        final Throwable[] suppressed;

        Link(Throwable t) {
            this.throwable = t;
            this.type = t.getClass().getName();
            this.message = message(t);
            this.frames = frames(t);
            this.suppressed = suppressed(t);
        }
    }

    final List<Link> links;
    /** Causes beyond max.causes, or a repeat that closed a loop. */
    final int causesOmitted;
    final boolean circular;

    private ExceptionChain(List<Link> links, int causesOmitted, boolean circular) {
        this.links = links;
        this.causesOmitted = causesOmitted;
        this.circular = circular;
    }

    static ExceptionChain of(Throwable top, int maxCauses) {
        List<Link> links = new ArrayList<Link>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
        Throwable t = top;
        int omitted = 0;
        boolean circular = false;
        while (t != null) {
            if (!seen.add(t)) {
                circular = true;
                break;
            }
            if (links.size() > maxCauses) {
                omitted++;
            } else {
                links.add(new Link(t));
            }
            t = cause(t);
            if (omitted > 10_000) {
                break;
            }
        }
        return new ExceptionChain(links, omitted, circular);
    }

    Link top() {
        return links.get(0);
    }

    Link root() {
        return links.get(links.size() - 1);
    }

    static String message(Throwable t) {
        try {
            return t.getMessage();
        } catch (Throwable e) {
            return "[getMessage() threw " + e.getClass().getName() + "]";
        }
    }

    static StackTraceElement[] frames(Throwable t) {
        try {
            StackTraceElement[] frames = t.getStackTrace();
            return frames == null ? new StackTraceElement[0] : frames;
        } catch (Throwable e) {
            return new StackTraceElement[0];
        }
    }

    static Throwable[] suppressed(Throwable t) {
        try {
            Throwable[] s = t.getSuppressed();
            return s == null ? new Throwable[0] : s;
        } catch (Throwable e) {
            return new Throwable[0];
        }
    }

    static Throwable cause(Throwable t) {
        try {
            return t.getCause();
        } catch (Throwable e) {
            return null;
        }
    }

    /** What {@code Throwable.toString()} prints, without calling an override that may throw. */
    static String describe(Throwable t) {
        try {
            String s = t.toString();
            if (s != null) {
                return s;
            }
        } catch (Throwable e) {
            // fall through to the standard form
        }
        String message = message(t);
        return message == null ? t.getClass().getName() : t.getClass().getName() + ": " + message;
    }
}
