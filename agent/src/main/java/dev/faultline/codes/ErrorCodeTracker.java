package dev.faultline.codes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The active error codes of this source (this JVM's service, server id, node and machine) and
 * the suppression rules of DESIGN.md section 1. Decisions are made on the application thread:
 * a repeat inside the window costs a map look-up and a counter; a new code is claimed with
 * {@code putIfAbsent}, so many threads raising it at once open exactly one episode.
 *
 * <p>Decisions never wait for MongoDB. Repeats inside this JVM are known from memory from the
 * first event on; only whether a code's first sighting continues an episode stored by an earlier
 * run needs the stored episodes. Until they are loaded, a new code opens a <em>provisional</em>
 * episode, and a clear of an unknown code is passed on as {@link Decision.Action#CLEAR_IF_STORED};
 * the writer, which loads the stored episodes before it handles any event, settles both with
 * {@link #resolve} by the same window rule.
 *
 * <p>The map operations mirror the original ErrorCodeManager (contains, get, add, remove, pop,
 * clear, size, codes); they change memory only. Writing is the writer's job.
 */
public final class ErrorCodeTracker {
    /** The event is suppressed: counted on its episode, nothing to write now. */
    public static final Object SUPPRESSED = new Object();
    /** {@link #early}: the event carries a code or a clear that only {@link #decide} settles. */
    public static final Object UNDECIDED = new Object();

    private final ConcurrentMap<String, Episode> active = new ConcurrentHashMap<String, Episode>();
    /** Stored episodes not yet continued or cleared by an event decided before they loaded (writer thread). */
    private final Map<String, Episode> unclaimed = new HashMap<String, Episode>();
    private final Clock clock;
    private final long defaultWindowMillis;
    /** Codes as kept (redacted): episodes are by name, so a code's secret reaches no document, key or notice. */
    private final dev.faultline.capture.CodeNames names;
    private volatile boolean loaded;
    /** The stored episodes were read, not only given up on while MongoDB was away: a clear of an unknown code is then nothing. */
    private volatile boolean storedKnown;
    /**
     * Codes cleared while the stored episodes were not known, each sent once by key (writer
     * thread; at most {@link #MAX_CLEARED_BY_KEY}, forgotten when the stored episodes are read).
     */
    private final java.util.Set<String> clearedByKey = new HashSet<String>();
    /** Bounds {@link #clearedByKey}: past it, a clear of an unknown code is an ordinary event, as before. */
    static final int MAX_CLEARED_BY_KEY = 1000;

    /** Codes kept as written: for tests of the window rules. */
    public ErrorCodeTracker(Clock clock, long defaultWindowMillis) {
        this(clock, defaultWindowMillis, dev.faultline.capture.CodeNames.AS_WRITTEN);
    }

    /** @param names the name an event's code is kept by (its episode, document, open key and notices) */
    public ErrorCodeTracker(Clock clock, long defaultWindowMillis, dev.faultline.capture.CodeNames names) {
        this.clock = clock;
        this.defaultWindowMillis = defaultWindowMillis;
        this.names = names;
    }

    /**
     * Decides one event (application thread).
     *
     * @param atCaptureLevel whether the event is at or above {@code capture.level} (a clearing
     *     event is recorded only then)
     * @return a {@link Decision}, {@link #SUPPRESSED}, or null when the event is not tracked (a
     *     clear for a code that is not active): it is then an ordinary event
     */
    public Object decide(CodeFields fields, boolean atCaptureLevel) {
        long now = clock.millis();
        if (fields.clear != null) {
            // A clear wins over a code in the same event.
            String clear = names.of(fields.clear);
            Episode e = remove(clear, null);
            if (e != null) {
                return new Decision(Decision.Action.CLEAR, e, e.code, fields.notify, now, 0, atCaptureLevel);
            }
            return storedKnown ? null
                    : new Decision(Decision.Action.CLEAR_IF_STORED, null, clear, fields.notify, now, 0, atCaptureLevel);
        }
        String code = names.of(fields.code);
        Episode e = active.get(code);
        if (e == null) {
            Episode fresh = new Episode(Episode.newId(), code, null, now, now, now, !loaded);
            e = active.putIfAbsent(code, fresh);
            if (e == null) {
                return new Decision(Decision.Action.NEW, fresh, code, fields.notify, now,
                        fresh.window(fields.reAlert, defaultWindowMillis), true);
            }
        }
        long window = e.window(fields.reAlert, defaultWindowMillis);
        long last = e.lastAlert.get();
        if (windowOver(last, now, window) && e.lastAlert.compareAndSet(last, now)) {
            e.lastSeen = now;
            return new Decision(Decision.Action.RE_ALERT, e, e.code, fields.notify, now, window, true);
        }
        countSuppressed(e, now);
        return SUPPRESSED;
    }

    /**
     * Application thread, before the event is made, without allocating: {@link #SUPPRESSED} when
     * its context carries a code (and no clear) whose episode is active inside its window, counted
     * as {@link #decide} counts it; {@link #UNDECIDED} when it carries a code or a clear that only
     * {@link #decide} settles (a new code, a window over, a clear), nothing changed; null when it
     * carries neither. {@code atMillis} is the event's own time, taken for now (no clock read on
     * the application thread; a time ahead of the window's end is left to {@link #decide}).
     */
    public Object early(Map<String, ?> context, List<?> keyValues, long atMillis) {
        String code = CodeFields.value(context, keyValues, CodeFields.CODE);
        String clear = CodeFields.value(context, keyValues, CodeFields.CLEAR);
        if (code == null && clear == null) {
            return null;
        }
        // A code whose name was not made yet is new here: decide() makes it.
        String name = clear == null ? names.known(code) : null;
        Episode e = name == null ? null : active.get(name);
        if (e == null) {
            return UNDECIDED;
        }
        long now = atMillis;
        long window = e.window(CodeFields.value(context, keyValues, CodeFields.RE_ALERT), defaultWindowMillis);
        if (windowOver(e.lastAlert.get(), now, window)) {
            return UNDECIDED;
        }
        countSuppressed(e, now);
        return SUPPRESSED;
    }

    /**
     * The one window rule, for both sides. Inclusive boundary: an event exactly one window after
     * the alert is still suppressed; a window of 0 re-alerts every time.
     */
    static boolean windowOver(long lastAlert, long now, long window) {
        return window == 0 || now - lastAlert > window;
    }

    private static void countSuppressed(Episode e, long now) {
        e.unwritten.incrementAndGet();
        if (now > e.lastSeen) {
            e.lastSeen = now;
        }
    }

    /**
     * Writer thread, in queue order, once {@link #loaded} was called: settles a decision made
     * before the stored episodes were known. A provisional episode whose code has a stored,
     * active episode continues it (one document per episode, across restarts): its first event
     * re-alerts when the stored window is over and is suppressed otherwise. A
     * {@code CLEAR_IF_STORED} clears the stored episode, or is an ordinary event without one.
     *
     * @return the decision to carry out, {@link #SUPPRESSED}, or null for an ordinary event
     */
    public Object resolve(Decision d) {
        if (d.action == Decision.Action.CLEAR_IF_STORED) {
            Episode stored = unclaimed.remove(d.code);
            if (stored == null) {
                return storedKnown ? null : clearByKey(d);
            }
            active.remove(d.code, stored);
            stored.active = false;
            stored.clearedAt = d.time;
            return d.with(Decision.Action.CLEAR, stored);
        }
        Episode e = d.episode;
        if (d.action == Decision.Action.CLEAR && !storedKnown && clearedByKey.size() < MAX_CLEARED_BY_KEY) {
            // Cleared here while MongoDB is away: a later clear of the code needs no write by key.
            clearedByKey.add(e.code);
        }
        if (!e.provisional) {
            return d;
        }
        if (e.continued == null) {
            Episode stored = unclaimed.remove(e.code);
            if (stored != null) {
                e.continueFrom(stored);
                if (d.action == Decision.Action.NEW) {
                    long storedAlert = stored.lastAlert.get();
                    if (!windowOver(storedAlert, d.time, d.windowMillis)) {
                        // Inside the stored episode's window: the window goes on from its alert.
                        e.lastAlert.compareAndSet(d.time, storedAlert);
                        countSuppressed(e, d.time);
                        return SUPPRESSED;
                    }
                    return d.with(Decision.Action.RE_ALERT, e);
                }
            }
        }
        if (d.action == Decision.Action.CLEAR && e.continued != null) {
            // Cleared before the stored episodes loaded: the stored one must not stay active.
            active.remove(e.code, e.continued);
        }
        return d;
    }

    /**
     * A clear of a code this JVM does not know, while the stored episodes are not (MongoDB away
     * since the start: a short job's clear during an outage was ignored, and the episode other
     * runs opened stayed active for good): the source's active episode of the code, if any, is
     * ended by its open key ({@link Episode#startUnknown}). Once per code until the stored
     * episodes are read: services log the clear on every success.
     */
    private Object clearByKey(Decision d) {
        if (clearedByKey.size() >= MAX_CLEARED_BY_KEY || !clearedByKey.add(d.code)) {
            return null;
        }
        return d.with(Decision.Action.CLEAR, Episode.startUnknown(d.code, d.time));
    }

    /** True once the episodes stored before this start are loaded (or could not be). */
    public boolean ready() {
        return loaded;
    }

    /**
     * Writer thread, before it handles any event: this source's stored active episodes. A code
     * already opened in memory meanwhile keeps its episode, which continues the stored one when
     * the writer resolves its first decision. Later calls (MongoDB was away at the first) only
     * add codes not known in memory.
     */
    public void loaded(Collection<Episode> stored) {
        storedKnown = true;
        clearedByKey.clear();
        for (Episode e : stored) {
            Episode existing = active.putIfAbsent(e.code, e);
            if (!loaded && (existing == null || existing.provisional)) {
                unclaimed.put(e.code, e);
            }
        }
        loaded = true;
    }

    /**
     * Writer thread: MongoDB is away and the events cannot wait for the stored episodes any
     * longer. Decisions are made from memory; a clear of a code not known here is still passed
     * on ({@link #clearByKey}). The stored episodes load with {@link #loaded} when MongoDB answers.
     */
    public void loadedWithoutStored() {
        loaded = true;
    }

    /**
     * Writer thread, now and then once loaded: this source's active episodes as stored now, which
     * other JVMs of the source change too. An episode this JVM has confirmed that is no longer
     * stored as active was cleared by another JVM (it is forgotten, so that the next event opens
     * a new one; replaced when the code was opened again since); one opened here while MongoDB
     * was away takes the stored episode's id; a stored one not known here is added (so that a
     * clear here ends it). Episodes in {@code opening} (their opening not sent yet) and those whose
     * first event is still queued are left.
     *
     * @return the episodes forgotten: their repeats counted meanwhile are still to be written
     */
    public List<Episode> reconcile(Collection<Episode> stored, java.util.Set<Episode> opening) {
        Map<String, Episode> byCode = new HashMap<String, Episode>();
        for (Episode s : stored) {
            byCode.putIfAbsent(s.code, s);
        }
        List<Episode> forgotten = new ArrayList<Episode>();
        for (Episode e : active.values()) {
            Episode s = byCode.remove(e.code);
            if (opening.contains(e) || !e.written) {
                // Its opening not sent yet, or its first event still queued: taking another id now
                // would make its opening look like the insert (and send "New error").
                continue;
            }
            if (s != null && s.id.equals(e.id)) {
                e.confirmed = true;
                // Another JVM's re-alert restarts the window here too.
                e.lastAlert.accumulateAndGet(s.lastAlert(), Math::max);
                continue;
            }
            if (!e.confirmed) {
                // Opened while MongoDB was away: its spooled writes go by key, to whichever is active.
                if (s != null) {
                    e.join(s);
                }
            } else if (s == null ? active.remove(e.code, e) : active.replace(e.code, e, s)) {
                forgotten.add(e);
            }
        }
        for (Episode s : byCode.values()) {
            active.putIfAbsent(s.code, s);
        }
        return forgotten;
    }

    public boolean contains(String code) {
        return active.containsKey(code);
    }

    public Episode get(String code) {
        return active.get(code);
    }

    /** Makes {@code code} active with {@code message}, as of now; returns the episode (an existing one is kept). */
    public Episode add(String code, String message) {
        long now = clock.millis();
        Episode fresh = new Episode(Episode.newId(), code, message, now, now, now);
        Episode existing = active.putIfAbsent(code, fresh);
        return existing == null ? fresh : existing;
    }

    /** Ends the episode of {@code code}: inactive, cleared now; null when the code is not active. */
    public Episode remove(String code, String clearMessage) {
        Episode e = active.remove(code);
        if (e != null) {
            e.active = false;
            e.clearedAt = clock.millis();
            if (clearMessage != null) {
                e.clearMessage = clearMessage;
            }
        }
        return e;
    }

    /** Takes {@code code} out of memory without clearing it; null when absent. */
    public Episode pop(String code) {
        return active.remove(code);
    }

    public Episode pop(String code, Episode otherwise) {
        Episode e = active.remove(code);
        return e == null ? otherwise : e;
    }

    /** Forgets every code (memory only: nothing is written, stored episodes stay as they are). */
    public void clear() {
        active.clear();
    }

    public int size() {
        return active.size();
    }

    public List<String> codes() {
        return new ArrayList<String>(active.keySet());
    }

    public Collection<Episode> episodes() {
        return active.values();
    }

    /** Whether suppressed repeats are counted in memory but not yet written. */
    public boolean hasUnwritten() {
        for (Episode e : active.values()) {
            if (e.unwritten.get() > 0) {
                return true;
            }
        }
        return false;
    }
}
