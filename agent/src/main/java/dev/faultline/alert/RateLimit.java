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

/**
 * No floods (ALERTS.md "Rate limit"): per channel at most {@link #PER_CHANNEL} notices and per
 * group and channel at most one notice in each {@link #WINDOW_MILLIS}; what is held back is
 * summed into one digest per channel, sent when the window ends (or at exit). Writer thread only;
 * per JVM (the notices themselves are decided once across JVMs, the limit is this JVM's).
 */
final class RateLimit {
    static final long WINDOW_MILLIS = TimeUnit.MINUTES.toMillis(10);
    static final int PER_CHANNEL = 10;

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
    /** channel + NUL + fingerprint -> when its last notice went out; pruned as windows end. */
    private final Map<String, Long> lastPerGroup = new HashMap<String, Long>();

    /** Whether {@code notice} may go out now; if not, it is added to its channel's digest. */
    boolean allow(AlertNotice notice, long nowMillis) {
        Window w = windows.get(notice.channel);
        if (w == null) {
            w = new Window(nowMillis);
            windows.put(notice.channel, w);
        }
        String key = notice.channel + '\0' + notice.group.fingerprint;
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

    /** The digests of the windows that ended (all of them with {@code all}, at exit); those windows start afresh. */
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
