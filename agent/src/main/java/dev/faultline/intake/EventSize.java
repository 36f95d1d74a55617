package dev.faultline.intake;

import dev.faultline.bootstrap.Breadcrumb;
import dev.faultline.bootstrap.CapturedEvent;
import java.util.Collection;
import java.util.Map;

/**
 * What an event costs while it waits in the queue, and the cut that keeps the cost small: a
 * String (or other CharSequence) argument or template longer than the record can show is
 * replaced by a capped copy, so the application's large value is not kept alive by the agent.
 * Runs on the application thread in constant time per argument and per MDC entry (at most
 * {@link #WALKED_ENTRIES} of them): {@code length()}, {@code size()} and array lengths only, never
 * a walk of an argument's structure. The writer formats from the copies; the application's own
 * array and map are never changed.
 */
final class EventSize {
    /** The event object, its references and the small strings it names (logger, thread). */
    static final int BASE = 512;
    /**
     * A Throwable: its native backtrace (about 700 bytes per 32 frames) and a short message; not
     * measured, which would mean walking it.
     */
    static final int THROWABLE = 2048;
    /** The call-site Throwable the intake keeps when there is none: a native backtrace only. */
    static final int SITE_TRACE = 1536;
    /** An argument that is neither text nor an array: the object is the application's. */
    static final int OBJECT = 64;
    /** One breadcrumb: its object, the slot's numbers and its logger's name (shared with the logger). */
    static final int CRUMB = 64;
    /** A boxed primitive or UUID kept as a breadcrumb's argument. */
    static final int BOXED = 32;
    /** One MDC entry or key-value pair (its values are capped only on the writer). */
    static final int ENTRY = 128;
    /**
     * Characters kept past {@code max.message-length}, so that a secret pattern crossing the cap
     * still matches on the writer and is redacted as a whole.
     */
    static final int MARGIN = 64;

    private final int argumentChars;
    private final int templateChars;

    /** @param maxMessageLength {@code max.message-length}: characters the record keeps of a message */
    EventSize(int maxMessageLength) {
        this.argumentChars = maxMessageLength + MARGIN;
        // An escaped anchor ("\\{}", JUL's "''") takes more template characters than it yields.
        this.templateChars = 2 * maxMessageLength + MARGIN;
    }

    /** Cuts {@code e}'s oversized text to the caps, then returns its estimated bytes. */
    int fit(CapturedEvent e) {
        long bytes = BASE;
        String template = e.template;
        if (template != null) {
            if (template.length() > templateChars) {
                e.templateCut = template.length() - templateChars;
                e.template = template = template.substring(0, templateChars);
            }
            bytes += text(template.length());
        }
        Object[] args = e.args;
        if (args != null) {
            Object[] cut = null;
            bytes += 16 + 8L * args.length;
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a instanceof CharSequence) {
                    int n = length((CharSequence) a);
                    if (n > argumentChars) {
                        if (cut == null) {
                            cut = args.clone();
                        }
                        cut[i] = capped((CharSequence) a);
                        e.argumentsCut += n - argumentChars;
                        n = argumentChars;
                    }
                    bytes += n < 0 ? OBJECT : text(n);
                } else {
                    bytes += array(a);
                }
            }
            if (cut != null) {
                e.args = cut;
            }
        }
        if (e.throwable != null) {
            bytes += THROWABLE;
        }
        if (e.siteTrace != null) {
            bytes += SITE_TRACE;
        }
        bytes += context(e) + entries(e.keyValues) + breadcrumbs(e.breadcrumbs);
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }

    /**
     * The remembered log events: their texts were cut when the thread remembered them, and every
     * argument kept is a short String, a boxed primitive or a class name (bootstrap Breadcrumbs).
     */
    static long breadcrumbs(Breadcrumb[] crumbs) {
        if (crumbs == null) {
            return 0;
        }
        long bytes = 16 + 8L * crumbs.length;
        for (Breadcrumb c : crumbs) {
            bytes += CRUMB + (c.template == null ? 0 : text(c.template.length()));
            if (c.args != null) {
                bytes += 16 + 8L * c.args.length;
                for (Object a : c.args) {
                    bytes += a instanceof String ? text(((String) a).length()) : BOXED;
                }
            }
        }
        return bytes;
    }

    private Object capped(CharSequence s) {
        try {
            // A copy: substring and toString allocate a new array of the kept characters only.
            return s instanceof String ? ((String) s).substring(0, argumentChars) : s.subSequence(0, argumentChars).toString();
        } catch (RuntimeException hostile) {
            return "[argument not readable: " + hostile.getClass().getName() + "]";
        }
    }

    /** Bytes of a String of {@code chars}: two per char, as if none were Latin-1. */
    private static long text(int chars) {
        return 40 + 2L * chars;
    }

    /** -1 when the application's CharSequence throws from length(). */
    private static int length(CharSequence s) {
        try {
            return s.length();
        } catch (RuntimeException hostile) {
            return -1;
        }
    }

    private static long array(Object a) {
        if (a instanceof byte[]) {
            return 16 + ((byte[]) a).length;
        }
        if (a instanceof char[]) {
            return 16 + 2L * ((char[]) a).length;
        }
        if (a instanceof int[]) {
            return 16 + 4L * ((int[]) a).length;
        }
        if (a instanceof long[]) {
            return 16 + 8L * ((long[]) a).length;
        }
        if (a instanceof Object[]) {
            return 16 + 8L * ((Object[]) a).length;
        }
        return OBJECT;
    }

    /**
     * The MDC's bytes, with each text value longer than the record can show (and each such key)
     * cut in a copy of the map, as arguments are: the application's MB-sized MDC value, removed
     * from its MDC after the call, was kept alive by the waiting event, and 40 of 1 MB ran a
     * 64 MiB application out of heap that ran in 24 MiB without the agent (a user's trial). At
     * most {@link #WALKED_ENTRIES} entries are looked at (a length each); a larger map counts
     * {@link #ENTRY} for each entry (the writer caps it: 256 entries, 64 KiB).
     *
     * <p>The lengths are read with the map's own {@code forEach}: for Logback's MDC (an
     * unmodifiable view of a {@code HashMap}) that is the {@code HashMap}'s loop over its table,
     * where the entry set's iterator made a wrapper per entry and cost 2 to 3 times as much per
     * entry (BENCHMARKS.md, MDC size on the application thread). Only a map with something to
     * cut is walked a second time, to copy it.
     */
    private long context(CapturedEvent e) {
        Map<String, ?> map = e.context;
        if (map == null) {
            return 0;
        }
        try {
            int size = map.size();
            if (size > WALKED_ENTRIES) {
                return (long) ENTRY * size;
            }
            Lengths lengths = new Lengths(argumentChars);
            map.forEach(lengths);
            return lengths.over ? cut(e, map) : lengths.bytes;
        } catch (RuntimeException hostile) {
            return ENTRY;
        }
    }

    /** One pass over the MDC: its bytes, and whether a key or text value is longer than the cap. */
    private static final class Lengths implements java.util.function.BiConsumer<String, Object> {
        private final int cap;
        long bytes;
        boolean over;

        Lengths(int cap) {
            this.cap = cap;
        }

        @Override
        public void accept(String key, Object value) {
            int n = value instanceof CharSequence ? length((CharSequence) value) : 0;
            int k = key == null ? -1 : key.length();
            if (n > cap || k > cap) {
                over = true;
            }
            bytes += ENTRY + (n > 0 ? text(n) : 0) + (k < 0 ? 0 : text(k));
        }
    }

    /** The MDC's bytes, its over-long keys and text values cut in a copy that replaces {@code e.context}. */
    private long cut(CapturedEvent e, Map<String, ?> map) {
        long bytes = 0;
        Map<String, Object> cut = null;
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            int n = value instanceof CharSequence ? length((CharSequence) value) : 0;
            boolean longKey = key != null && key.length() > argumentChars;
            if (n > argumentChars || longKey) {
                if (cut == null) {
                    cut = new java.util.LinkedHashMap<String, Object>(map);
                }
                if (longKey) {
                    cut.remove(key);
                    key = key.substring(0, argumentChars);
                }
                if (n > argumentChars) {
                    Object kept = capped((CharSequence) value);
                    // The writer's marker then counts the whole value, as for an argument.
                    value = kept instanceof String ? new dev.faultline.capture.CutText((String) kept, n - argumentChars) : kept;
                    n = argumentChars;
                }
                cut.put(key, value);
            }
            bytes += ENTRY + (n > 0 ? text(n) : 0) + (key == null ? 0 : text(key.length()));
        }
        if (cut != null) {
            e.context = cut;
        }
        return bytes;
    }

    /** MDC entries whose lengths {@link #context} looks at: an MDC is a handful of keys. */
    static final int WALKED_ENTRIES = 32;

    private static long entries(Object map) {
        try {
            if (map instanceof Map) {
                return (long) ENTRY * ((Map<?, ?>) map).size();
            }
            if (map instanceof Collection) {
                return (long) ENTRY * ((Collection<?>) map).size();
            }
        } catch (RuntimeException hostile) {
            return ENTRY;
        }
        return 0;
    }
}
