package dev.faultline.codes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The active error codes of this source (this JVM's service, server id, node and machine) and
 * the suppression rules of DESIGN.md section 1. Decisions are made on the application thread:
 * a repeat inside the window costs a map look-up and a counter; a new code is claimed with
 * {@code putIfAbsent}, so many threads raising it at once open exactly one episode.
 *
 * <p>The map operations mirror the original ErrorCodeManager (contains, get, add, remove, pop,
 * clear, size, codes); they change memory only. Writing is the writer's job.
 */
public final class ErrorCodeTracker {
    /** The event is suppressed: counted on its episode, nothing to write now. */
    public static final Object SUPPRESSED = new Object();

    private final ConcurrentMap<String, Episode> active = new ConcurrentHashMap<String, Episode>();
    private final Clock clock;
    private final long defaultWindowMillis;
    private volatile boolean ready;

    public ErrorCodeTracker(Clock clock, long defaultWindowMillis) {
        this.clock = clock;
        this.defaultWindowMillis = defaultWindowMillis;
    }

    /**
     * Decides one event.
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
            Episode e = remove(fields.clear, null);
            return e == null ? null : new Decision(Decision.Action.CLEAR, e, fields.notify, now, atCaptureLevel);
        }
        Episode e = active.get(fields.code);
        if (e == null) {
            Episode fresh = new Episode(UUID.randomUUID().toString(), fields.code, null, now, now, now);
            e = active.putIfAbsent(fields.code, fresh);
            if (e == null) {
                return new Decision(Decision.Action.NEW, fresh, fields.notify, now, true);
            }
        }
        long window = e.window(fields.reAlert, defaultWindowMillis);
        long last = e.lastAlert.get();
        // Inclusive boundary: an event exactly one window after the alert is still suppressed;
        // a window of 0 re-alerts every time.
        if ((window == 0 || now - last > window) && e.lastAlert.compareAndSet(last, now)) {
            e.lastSeen = now;
            return new Decision(Decision.Action.RE_ALERT, e, fields.notify, now, true);
        }
        e.unwritten.incrementAndGet();
        if (now > e.lastSeen) {
            e.lastSeen = now;
        }
        return SUPPRESSED;
    }

    /** True once the episodes stored before this start are loaded (or could not be). */
    public boolean ready() {
        return ready;
    }

    /** Adds restored episodes (codes opened meanwhile in memory are kept) and opens for decisions. */
    public void restored(Collection<Episode> episodes) {
        for (Episode e : episodes) {
            active.putIfAbsent(e.code, e);
        }
        ready = true;
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
        Episode fresh = new Episode(UUID.randomUUID().toString(), code, message, now, now, now);
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
