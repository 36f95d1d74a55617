package dev.faultline.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * The stack trace text exactly as {@code Throwable.printStackTrace} prints it ({@code Caused by:},
 * {@code Suppressed:}, {@code ... N more}, circular references), built without calling
 * {@code printStackTrace}, which an application may override, and capped in length.
 */
final class StackTraceText {
    /** Nesting of causes and suppressed exceptions printed; a longer chain would only repeat. */
    static final int MAX_DEPTH = 64;
    /** Frame texts kept (about 0.5 MB at most); then they are forgotten all at once. */
    private static final int MAX_LINES = 2048;
    private static final java.util.Map<StackTraceElement, String> LINES =
            new java.util.concurrent.ConcurrentHashMap<StackTraceElement, String>();

    /**
     * Each thread's text buffer, kept from one trace to the next (the writer makes one after
     * another): a new one per record, grown several times, was a seventh of the writer's
     * allocation (BENCHMARKS.md, "Frames copied in as they are"). One grown past this is not kept.
     */
    private static final int KEPT_CHARS = 64 * 1024;
    private static final ThreadLocal<StringBuilder> BUFFER = new ThreadLocal<StringBuilder>();

    private final StringBuilder out;
    /** The throwables printed, by identity: a chain is a few long (at most {@link #MAX_DEPTH} deep), so a list is cheaper than an IdentityHashMap per record. */
    private final List<Throwable> seen = new ArrayList<Throwable>(4);
    private final int maxChars;
    private final Redactor redactor;

    private StackTraceText(StringBuilder out, int maxChars, Redactor redactor) {
        this.out = out;
        this.maxChars = maxChars;
        this.redactor = redactor;
    }

    /**
     * The trace with each exception's headline (type and message) redacted as it is printed.
     * The {@code at} lines are code locations, like {@code exception.frames}, and are not
     * scanned: redacting a long trace whole would cost the writer milliseconds per record.
     */
    static String of(Throwable t, int maxChars, Redactor redactor) {
        StringBuilder out = BUFFER.get();
        if (out == null) {
            out = new StringBuilder(4096);
            BUFFER.set(out);
        }
        out.setLength(0);
        new StackTraceText(out, maxChars, redactor).print(t, null, "", "", 0);
        String s = out.toString();
        if (out.capacity() > KEPT_CHARS) {
            BUFFER.remove();
        }
        // Printing stopped at the cap, so how much more there was is not known.
        return s.length() <= maxChars ? s : s.substring(0, Safe.notInPair(s, maxChars)) + "... [trace cut at " + maxChars + " characters]";
    }

    /** A frame's text ({@code StackTraceElement.toString}), made once per distinct frame: the same frames come again and again. */
    private static String line(StackTraceElement frame) {
        String known = LINES.get(frame);
        if (known == null) {
            if (LINES.size() >= MAX_LINES) {
                LINES.clear();
            }
            known = String.valueOf(frame);
            LINES.put(frame, known);
        }
        return known;
    }

    /** Whether {@code t} was printed already (a circular reference); remembers it if not. */
    private boolean printed(Throwable t) {
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i) == t) {
                return true;
            }
        }
        seen.add(t);
        return false;
    }

    /** A 10 MB message is cut before it is redacted and copied, not after. */
    private String headline(Throwable t) {
        String line = ExceptionChain.describe(t);
        return redactor.text(line.length() > maxChars ? line.substring(0, maxChars) : line);
    }

    private void print(Throwable t, StackTraceElement[] enclosing, String caption, String prefix, int depth) {
        if (out.length() > maxChars) {
            return;
        }
        if (depth > MAX_DEPTH) {
            out.append(prefix).append("\t... [more than ").append(MAX_DEPTH).append(" nested causes and suppressed exceptions]\n");
            return;
        }
        if (printed(t)) {
            out.append(prefix).append(caption).append("[CIRCULAR REFERENCE: ").append(headline(t)).append("]\n");
            return;
        }
        StackTraceElement[] trace = ExceptionChain.frames(t);
        int m = trace.length - 1;
        if (enclosing != null) {
            int n = enclosing.length - 1;
            while (m >= 0 && n >= 0 && trace[m].equals(enclosing[n])) {
                m--;
                n--;
            }
        }
        int inCommon = trace.length - 1 - m;
        out.append(prefix).append(caption).append(headline(t)).append('\n');
        for (int i = 0; i <= m && out.length() <= maxChars; i++) {
            out.append(prefix).append("\tat ").append(line(trace[i])).append('\n');
        }
        if (inCommon != 0) {
            out.append(prefix).append("\t... ").append(inCommon).append(" more\n");
        }
        for (Throwable s : ExceptionChain.suppressed(t)) {
            if (s != null) {
                print(s, trace, "Suppressed: ", prefix + "\t", depth + 1);
            }
        }
        Throwable cause = ExceptionChain.cause(t);
        if (cause != null) {
            print(cause, trace, "Caused by: ", prefix, depth + 1);
        }
    }
}
