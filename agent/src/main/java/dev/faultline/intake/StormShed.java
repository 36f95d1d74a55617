package dev.faultline.intake;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.capture.MessageShape;
import dev.faultline.capture.Occurrence;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Sheds an error storm on the application thread, before the queue, so that one error logged in a
 * loop costs the application a counter instead of a queued event the writer cannot keep up with
 * (docs/OPERATIONS.md, Storms).
 *
 * <p>A key is the event's source or logger, its template's {@link MessageShape shape}, its
 * throwable's class (by identity, as the application hands them) and where the throwable was
 * thrown ({@link Frames#topHash}: its top frames): {@code "order 17 failed"}, {@code "order A-18
 * failed"} and {@code "order 3f2a1b4c-... failed"} are one key, as they are one group (the
 * fingerprint reads the same shape, or no message at all with a throwable); one handler logging
 * the same exception type thrown in two places is two keys, as it is two groups, so a storm of
 * one does not lend its counts to the other. A message
 * built by concatenation ({@code "order " + id}) is a new template at every call, whose storm
 * would otherwise never be shed (each key below the threshold, or no slot left) and would fill
 * the queue, its counts dropped.
 *
 * <p>Once more than {@link #SHED_AFTER_KEEPS} times {@code storm.keep-per-window} events of one
 * key passed in one {@code storm.window} (of the events' own times), only one in {@link
 * #PASS_ONE_IN} enters the queue; the others only add one to the key's shed count. The next
 * event of the key that enters carries that count ({@link CapturedEvent#shed}), and the writer
 * sweeps what is left into the group of the last occurrence of the key it handled ({@link #sweep}). Totals stay exact; which fingerprint of one
 * key gets a shed count is statistical (the one of the event that carries it, or the last one):
 * for one template logged without a throwable from two call sites (the call site is not known
 * before a call is shed), and for exceptions whose stacks differ only below their top frames.
 *
 * <p>A logged call's key is found (or made) and counted before the bridge makes the event
 * ({@link #key(String, String, String, Throwable, long)}, {@link #shedNow}, from {@code Gate.before}):
 * a shed call then allocates nothing at all, and a call that passes carries its key, so it is
 * looked up once per call.
 *
 * <p>Memory: {@link #SLOTS} entries, direct-mapped, no lock, nothing allocated once a key has its
 * entry. An entry is replaced by a colliding key only when it has been idle for two windows and
 * holds no shed count; until then the colliding key is not shed (its events queue as without
 * this table).
 */
public final class StormShed {
    static final int SLOTS = 256;
    /** A key sheds once this many times {@code storm.keep-per-window} of its events passed in a window. */
    static final int SHED_AFTER_KEEPS = 4;
    /** In a storm, one event of a key in this many enters the queue; a power of two. */
    static final int PASS_ONE_IN = 1024;

    private final AtomicReferenceArray<Key> slots = new AtomicReferenceArray<Key>(SLOTS);
    private final long threshold;
    private final long windowMillis;

    /**
     * @param keepPerWindow {@code storm.keep-per-window}
     * @param windowMillis {@code storm.window} in milliseconds
     */
    public StormShed(int keepPerWindow, long windowMillis) {
        this.threshold = (long) SHED_AFTER_KEEPS * keepPerWindow;
        this.windowMillis = windowMillis;
    }

    /**
     * Application thread. True when {@code e} is shed: only its key's count remembers it. Else
     * {@code e} enters the queue, with its key ({@link CapturedEvent#storm}) and the count of the
     * key's events shed before it ({@link CapturedEvent#shed}).
     */
    public boolean shed(CapturedEvent e) {
        if (e.storm instanceof Key) {
            // Counted by key/shedNow before the event was made: it passes, carrying the count.
            carry(e, (Key) e.storm);
            return false;
        }
        Object key = key(e.logger, e.source, e.template, e.throwable, e.timestamp);
        if (key == null) {
            return false;
        }
        if (shedNow(key, e.timestamp)) {
            return true;
        }
        carry(e, (Key) key);
        return false;
    }

    /**
     * Application thread: the entry of these parts, made when the key has none (nothing allocated
     * once it has); null when the key cannot be counted (no logger and no source, or its slot is
     * held by another key that is not idle). Count the call with {@link #shedNow}.
     */
    public Object key(String logger, String source, String template, Throwable throwable, long at) {
        return key(logger, source, template, throwable, throwable == null ? 0 : Frames.topHash(throwable), at);
    }

    /** {@link #key(String, String, String, Throwable, long)} with the throwable's {@link Frames#topHash} given. */
    Object key(String logger, String source, String template, Throwable throwable, int thrownAt, long at) {
        String name = logger != null ? logger : source;
        if (name == null) {
            return null;
        }
        Class<?> type = throwable == null ? null : throwable.getClass();
        int slot = slot(name, template == null ? 0 : template.hashCode(), type, thrownAt);
        Key known = slots.get(slot);
        if (known != null && known.is(name, template, type, thrownAt)) {
            // The common case, a constant template: its hash is cached, compared by identity.
            return known;
        }
        if (template != null) {
            // Its key is by the template's shape, in the slot of the shape's hash (the same slot
            // as above for a template without digits).
            slot = slot(name, MessageShape.hash(template), type, thrownAt);
            known = slots.get(slot);
            if (known != null && known.is(name, template, type, thrownAt)) {
                return known;
            }
        }
        if (known != null && !known.idle(at, windowMillis)) {
            return null;
        }
        Key fresh = new Key(name, template, type, thrownAt, at);
        return slots.compareAndSet(slot, known, fresh) ? fresh : null;
    }

    /**
     * Counts one event of {@code key} (from {@link #key(String, String, String, Throwable, long)}) at {@code at}: true when it is
     * shed; false when it passes (give its event the key: {@link CapturedEvent#storm}).
     */
    public boolean shedNow(Object key, long at) {
        Key k = (Key) key;
        long n = k.count(at, windowMillis);
        if (n > threshold && (n & (PASS_ONE_IN - 1)) != 0) {
            // Threads shedding one key share it: the count is striped per thread (LongAdder), and
            // the time is written only when it moved, so a shed call does not bounce the key's
            // cache line between cores with a locked add and a store each.
            if (k.lastShedAt != at) {
                k.lastShedAt = at;
            }
            k.shed.increment();
            return true;
        }
        return false;
    }

    private static void carry(CapturedEvent e, Key key) {
        e.storm = key;
        if (key.shed.sum() != 0) {
            e.shed = key.shed.sumThenReset();
        }
    }

    private static int slot(String name, int templateHash, Class<?> type, int thrownAt) {
        int h = name.hashCode() * 31 + templateHash;
        h = (h * 31 + (type == null ? 0 : type.hashCode())) * 31 + thrownAt;
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /** Application thread: {@code e} did not enter the queue after all; the count it carried goes back to its key. */
    public void refused(CapturedEvent e) {
        if (e.shed != 0) {
            ((Key) e.storm).shed.add(e.shed);
            e.shed = 0;
        }
    }

    /** What the writer does with a key's shed count. */
    public interface Sink {
        /**
         * {@code n} events shed since the last sweep, the last at {@code atMillis}, counted in the
         * group of {@code last}, the last occurrence of their key the writer handled.
         */
        void counted(Occurrence last, long n, long atMillis);
    }

    /**
     * Writer thread: hands each key's shed count to {@code sink} and returns the count of keys
     * whose last occurrence is not known yet, taken only when {@code all} (at exit; else left for
     * a later sweep).
     */
    public long sweep(Sink sink, boolean all) {
        long unknown = 0;
        for (int i = 0; i < SLOTS; i++) {
            Key key = slots.get(i);
            if (key == null || key.shed.sum() == 0 || key.last == null && !all) {
                continue;
            }
            long n = key.shed.sumThenReset();
            if (key.last == null) {
                unknown += n;
            } else if (n > 0) {
                sink.counted(key.last, n, key.lastShedAt);
            }
        }
        return unknown;
    }

    /** Writer thread: {@code stored} is the last occurrence of {@code e}'s key handled (the group its later shed counts go to). */
    public static void stored(CapturedEvent e, Occurrence stored) {
        if (e.storm instanceof Key) {
            ((Key) e.storm).last = stored.summary();
        }
    }

    /** One key's window and shed count. */
    static final class Key {
        private final String name;
        private final String template;
        private final Class<?> type;
        /** Where its throwables were thrown ({@link Frames#topHash}), 0 without one or when not known. */
        private final int thrownAt;
        /** Racy on purpose: a lost increment only delays the storm's detection by one event. */
        private long windowStart;
        private long inWindow;
        /** Shed since the last hand-over; {@code sumThenReset} takes each thread's cell atomically, so none is lost. */
        final LongAdder shed = new LongAdder();
        /** Racy on purpose (a plain write costs the shedding thread nothing): the time of one of the last shed events. */
        private long lastShedAt;
        /** Written and read by the writer thread only. */
        private volatile Occurrence last;

        Key(String name, String template, Class<?> type, int thrownAt, long at) {
            this.name = name;
            this.template = template;
            this.type = type;
            this.thrownAt = thrownAt;
            this.windowStart = at;
        }

        boolean is(String otherName, String otherTemplate, Class<?> otherType, int otherThrownAt) {
            return type == otherType && thrownAt == otherThrownAt && (name == otherName || name.equals(otherName))
                    && (template == otherTemplate || template != null && otherTemplate != null
                            && MessageShape.same(template, otherTemplate));
        }

        /** The events of this key in the window of {@code at}, this one included. */
        long count(long at, long windowMillis) {
            long start = windowStart;
            if (at - start >= windowMillis || start - at >= windowMillis) {
                windowStart = at;
                inWindow = 0;
            }
            return ++inWindow;
        }

        boolean idle(long at, long windowMillis) {
            return at - windowStart >= 2 * windowMillis && shed.sum() == 0;
        }
    }
}
