package dev.faultline.store;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.capture.Occurrence;
import dev.faultline.intake.StormShed;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exact counts with bounded storage in an error storm, on the writer thread (docs/OPERATIONS.md,
 * Storms). Per fingerprint and {@code storm.window} (of the occurrences' own times), the first
 * {@code storm.keep-per-window} occurrences are stored in full; the others are only counted on
 * their group ({@code count} stays exact, {@code stored_count} counts the documents), except one
 * each time the window's count beyond the keep passes a multiple of {@link #SAMPLE_EVERY}, stored
 * with {@code sampled: true}, at most keep of them: so at most twice the keep documents per
 * fingerprint and window. Occurrences with an error code are never sampled away.
 *
 * <p>It also takes the counts the application threads shed before the queue ({@link StormShed}):
 * carried by an event, or swept each cycle into the group of the key's last occurrence.
 * {@code agent_health.sampled} counts every occurrence counted but not stored; a shed event counts
 * as captured once its count reaches the writer.
 *
 * <p>Memory: at most {@link #MAX_FINGERPRINTS} windows (about 200 bytes each: a 40-character
 * fingerprint, two numbers, the map entry); the least recently seen is forgotten, and its next
 * occurrence starts a new window.
 */
final class Storms {
    /** Beyond the keep, one occurrence in this many counted is stored as a sample. */
    static final long SAMPLE_EVERY = 1000;
    static final int MAX_FINGERPRINTS = 4096;

    enum Verdict { FULL, SAMPLE, COUNT }

    private final int keep;
    private final long windowMillis;
    private final Health health;
    private final GroupWriter groups;
    private final StormShed shed;
    private final Map<String, Window> windows = new LinkedHashMap<String, Window>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_FINGERPRINTS;
        }
    };
    private final StormShed.Sink sweepSink;

    /** @param shed the application threads' storm table, or null */
    Storms(int keep, long windowMillis, Health health, GroupWriter groups, StormShed shed) {
        this.keep = keep;
        this.windowMillis = windowMillis;
        this.health = health;
        this.groups = groups;
        this.shed = shed;
        this.sweepSink = new Counted(groups, true);
    }

    /** Takes the shed counts into {@code into}'s groups; with {@code windows}, also into the storm windows (writer thread only). */
    private final class Counted implements StormShed.Sink {
        private final GroupWriter into;
        private final boolean windows;

        Counted(GroupWriter into, boolean windows) {
            this.into = into;
            this.windows = windows;
        }

        @Override
        public void counted(Occurrence last, long n, long atMillis) {
            health.captured.addAndGet(n);
            health.sampled.addAndGet(n);
            into.counted(last, n, new Date(Math.max(atMillis, last.timestamp == null ? 0 : last.timestamp.getTime())));
            Window w = windows ? Storms.this.windows.get(last.fingerprint) : null;
            if (w != null) {
                w.beyond += n;
            }
        }
    }

    /**
     * Decides the occurrence {@code o} made of {@code e}: true when it is to be stored (in full or
     * as a sample, then marked {@code sampled: true}); false when it was only counted. The events
     * {@code e} carries from the application thread's storm table are counted either way.
     */
    boolean admit(CapturedEvent e, Occurrence o) {
        long carried = e.shed;
        if (carried > 0) {
            health.captured.addAndGet(carried);
        }
        StormShed.stored(e, o);
        Verdict verdict = e.codeDecision != null || o.fingerprint == null || o.document.get("error_code") != null
                ? Verdict.FULL : decide(o.fingerprint, 1 + carried, o.timestamp == null ? 0 : o.timestamp.getTime());
        long countedOnly = verdict == Verdict.COUNT ? 1 + carried : carried;
        if (countedOnly > 0) {
            health.sampled.addAndGet(countedOnly);
            groups.counted(o, countedOnly, o.timestamp);
        }
        if (verdict == Verdict.SAMPLE) {
            o.document.put("sampled", true);
        }
        return verdict != Verdict.COUNT;
    }

    /**
     * The verdict for one occurrence of {@code fingerprint} at {@code atMillis} that counts
     * {@code weight} on its group (itself and the events it carries).
     */
    Verdict decide(String fingerprint, long weight, long atMillis) {
        Window w = windows.get(fingerprint);
        if (w == null) {
            w = new Window(atMillis);
            windows.put(fingerprint, w);
        } else if (atMillis - w.start >= windowMillis || w.start - atMillis >= windowMillis) {
            w.start = atMillis;
            w.full = 0;
            w.beyond = 0;
            w.samples = 0;
        }
        if (w.full < keep) {
            w.full++;
            w.beyond += weight - 1;
            return Verdict.FULL;
        }
        long before = w.beyond;
        w.beyond += weight;
        if (before / SAMPLE_EVERY != w.beyond / SAMPLE_EVERY && w.samples < keep) {
            w.samples++;
            return Verdict.SAMPLE;
        }
        return Verdict.COUNT;
    }

    /**
     * Each cycle: the counts shed on application threads into their keys' last groups. At exit
     * ({@code all}), a count whose key never had an occurrence handled is counted as lost at exit.
     */
    void sweep(boolean all) {
        if (shed == null) {
            return;
        }
        lostAtExit(shed.sweep(sweepSink, all));
    }

    /**
     * The shutdown hook, while the writer is stuck in a call to MongoDB: every count still in the
     * application threads' table goes into {@code into} (for the spool), or, when its key had no
     * occurrence handled, is counted as lost at exit. Touches no state of the writer's own.
     */
    void sweepAtExit(GroupWriter into) {
        if (shed != null) {
            lostAtExit(shed.sweep(new Counted(into, false), true));
        }
    }

    private void lostAtExit(long n) {
        if (n > 0) {
            health.captured.addAndGet(n);
            health.dropped(Health.SHUTDOWN, n);
        }
    }

    /** At exit: the events shed before these, which were not written, are lost at exit too; returns how many. */
    long lost(java.util.List<CapturedEvent> notWritten) {
        long shed = 0;
        for (CapturedEvent e : notWritten) {
            lostAtExit(e.shed);
            shed += e.shed;
        }
        return shed;
    }

    /** Windows remembered (for tests). */
    int size() {
        return windows.size();
    }

    private static final class Window {
        long start;
        /** Occurrences stored in full in this window. */
        int full;
        /** What this window counted on the group beyond {@link #full}. */
        long beyond;
        /** Samples stored in this window: at most the keep. */
        int samples;

        Window(long start) {
            this.start = start;
        }
    }
}
