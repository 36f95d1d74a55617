package dev.faultline.alert;

/**
 * The decision taken from one group write's answer, and from nothing else: a second read could
 * race with another JVM's write, the answer cannot (each crossing, creation or reopening is
 * answered to exactly one writer).
 */
final class Trigger {
    static final String SNOOZE_ENDED = "snooze_ended";

    private Trigger() {
    }

    /**
     * What {@code change} means for {@code rule}: {@code new_group}, {@code regression} (or
     * {@code snooze_ended}, sent by the regression rules), {@code new_release}, or
     * {@code threshold} (the count crossed is {@link #crossed}); null for nothing, and always
     * null for an ignored group or one snoozed past {@code nowMillis}.
     */
    static String decide(AlertRule rule, GroupChange change, long nowMillis) {
        if (change.unsnoozed && "regression".equals(rule.kind) && !change.errorCode && rule.covers(change)) {
            // The snooze's condition was met by this write: the group reopened, announced once.
            return SNOOZE_ENDED;
        }
        if (change.errorCode || "ignored".equals(change.statusBefore) || !rule.covers(change)
                || (change.snoozedUntil != null && change.snoozedUntil.getTime() > nowMillis)) {
            // A code's group is announced by the code's own notices (per machine, ERROR_CODES.md).
            return null;
        }
        if ("new_group".equals(rule.kind)) {
            return change.created ? rule.kind : null;
        }
        if ("regression".equals(rule.kind)) {
            return change.regressed ? rule.kind : null;
        }
        if ("new_release".equals(rule.kind)) {
            return change.newRelease() != null ? rule.kind : null;
        }
        if ("threshold".equals(rule.kind)) {
            return crossed(rule, change) > 0 ? rule.kind : null;
        }
        return null;
    }

    /**
     * The count {@code change} crossed for a threshold rule, or 0: a milestone of the running
     * count, or, for a rule with a window, its threshold within the window of the write's newest
     * occurrence (the window's count before and after this write's {@code $inc} are this writer's
     * alone, so one writer of all crosses it, once per window).
     */
    static long crossed(AlertRule rule, GroupChange change) {
        if (rule.windowMillis == 0) {
            return crossed(rule.threshold, change.countBefore, change.countAfter);
        }
        long before = change.inWindowBefore(rule.windowMillis);
        long after = before + change.countAfter - change.countBefore;
        return before >= 0 && before < rule.threshold && rule.threshold <= after ? rule.threshold : 0;
    }

    /**
     * The largest of {@code first}, 10 x {@code first}, 100 x {@code first}... in
     * ({@code before}, {@code after}], or 0. One $inc moves the count from before to after, so
     * every milestone lies in exactly one writer's range.
     */
    static long crossed(long first, long before, long after) {
        long best = 0;
        for (long m = first; m <= after && m > 0; m = m > Long.MAX_VALUE / 10 ? -1 : m * 10) {
            if (m > before) {
                best = m;
            }
        }
        return best;
    }
}
