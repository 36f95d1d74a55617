package dev.faultline.alert;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * No floods (ALERTS.md "No floods"): per channel at most {@link #PER_CHANNEL} notices and per
 * group, event and channel at most one notice in each {@link #WINDOW_MILLIS} (a regression right
 * after the new group's notice still goes out; the 100th right after the 10th does not); what is held back is
 * summed into one digest per channel, sent when the window ends (or at exit). Writer thread only.
 * Shared by all JVMs writing into one database: fixed windows from the epoch, one
 * {@code notice_limits} document per channel and window, each decision the answer to one atomic
 * update, and the digest's tally taken by one atomic update, so one JVM sends it. While MongoDB
 * does not answer (or with a store that keeps no shared limit) this JVM's own limit applies.
 */
final class RateLimit {
    static final long WINDOW_MILLIS = TimeUnit.MINUTES.toMillis(10);
    static final int PER_CHANNEL = 10;
    /** After a window ends, how long the JVMs' last holds (clocks differ a little) get before the digest is taken. */
    static final long DIGEST_GRACE_MILLIS = TimeUnit.SECONDS.toMillis(10);

    /** A shared window this JVM held a notice back in: it takes part in sending the digest. */
    private static final class Held {
        final String channel;
        final long end;

        Held(String channel, long end) {
            this.channel = channel;
            this.end = end;
        }
    }

    private final Map<String, Held> shared = new HashMap<String, Held>();

    private static final class Window {
        final long start;
        int sent;
        long heldBack;
        long occurrences;
        final Set<String> groups = new HashSet<String>();

        Window(long start) {
            this.start = start;
        }
    }

    private final Map<String, Window> windows = new HashMap<String, Window>();
    /** channel + NUL + fingerprint + NUL + event -> when its last notice went out; pruned as windows end. */
    private final Map<String, Long> lastPerGroup = new HashMap<String, Long>();

    /**
     * Whether {@code notice} may go out now, by the limit shared in {@code store} (this JVM's
     * own when the store does not answer); if not, it is added to its channel's digest.
     */
    boolean allow(AlertNotice notice, long nowMillis, AlertStore store) {
        long start = Math.floorDiv(nowMillis, WINDOW_MILLIS) * WINDOW_MILLIS;
        String id = notice.channel + ":" + java.time.Instant.ofEpochMilli(start);
        String fingerprint = notice.group.fingerprint;
        try {
            if (store.allowNotice(id, notice.channel, new Date(start), fingerprint + " " + notice.event, PER_CHANNEL)) {
                return true;
            }
            store.holdBackNotice(id, notice.channel, new Date(start), fingerprint, notice.group.countAfter - notice.group.countBefore);
            shared.put(id, new Held(notice.channel, start + WINDOW_MILLIS));
            return false;
        } catch (RuntimeException e) {
            // MongoDB away (or no shared limit): this JVM's own.
            return allow(notice, nowMillis);
        }
    }

    /** Whether {@code notice} may go out now by this JVM's own limit; if not, it is added to its channel's digest. */
    boolean allow(AlertNotice notice, long nowMillis) {
        Window w = windows.get(notice.channel);
        if (w == null) {
            w = new Window(nowMillis);
            windows.put(notice.channel, w);
        }
        String key = notice.channel + '\0' + notice.group.fingerprint + '\0' + notice.event;
        Long last = lastPerGroup.get(key);
        if (w.sent < PER_CHANNEL && (last == null || nowMillis - last >= WINDOW_MILLIS)) {
            w.sent++;
            lastPerGroup.put(key, nowMillis);
            return true;
        }
        w.heldBack++;
        w.occurrences += notice.group.countAfter - notice.group.countBefore;
        w.groups.add(notice.group.fingerprint);
        return false;
    }

    /**
     * The digests of the windows that ended (all of them with {@code all}, at exit): this JVM's
     * own, and of each shared window it held back in, the tally it took (none when another JVM
     * took it first). A shared window whose tally could not be taken is tried again next time.
     */
    List<AlertNotice> due(long nowMillis, boolean all, AlertStore store) {
        List<AlertNotice> digests = due(nowMillis, all);
        Iterator<Map.Entry<String, Held>> it = shared.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Held> e = it.next();
            if (!all && nowMillis < e.getValue().end + DIGEST_GRACE_MILLIS) {
                continue;
            }
            Document tally;
            try {
                tally = store.takeDigest(e.getKey());
            } catch (RuntimeException away) {
                if (!all) {
                    continue;
                }
                tally = null;
            }
            it.remove();
            Object heldBack = tally == null ? null : tally.get("held_back");
            if (heldBack instanceof Number && ((Number) heldBack).longValue() > 0) {
                Object groups = tally.get("held_groups");
                Object occurrences = tally.get("occurrences");
                digests.add(AlertNotice.digest(e.getValue().channel, new Date(nowMillis), ((Number) heldBack).longValue(),
                        groups instanceof List ? ((List<?>) groups).size() : 0,
                        occurrences instanceof Number ? ((Number) occurrences).longValue() : 0,
                        TimeUnit.MILLISECONDS.toMinutes(WINDOW_MILLIS)));
            }
        }
        return digests;
    }

    /** This JVM's own digests of the windows that ended (all of them with {@code all}, at exit); those windows start afresh. */
    List<AlertNotice> due(long nowMillis, boolean all) {
        List<AlertNotice> digests = new ArrayList<AlertNotice>();
        Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Window> e = it.next();
            Window w = e.getValue();
            if (all || nowMillis - w.start >= WINDOW_MILLIS) {
                if (w.heldBack > 0) {
                    digests.add(AlertNotice.digest(e.getKey(), new Date(nowMillis), w.heldBack, w.groups.size(),
                            w.occurrences, TimeUnit.MILLISECONDS.toMinutes(WINDOW_MILLIS)));
                }
                it.remove();
            }
        }
        Iterator<Long> times = lastPerGroup.values().iterator();
        while (times.hasNext()) {
            if (nowMillis - times.next() >= WINDOW_MILLIS) {
                times.remove();
            }
        }
        return digests;
    }
}
