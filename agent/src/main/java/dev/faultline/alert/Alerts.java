package dev.faultline.alert;

import dev.faultline.config.Smtp;
import dev.faultline.core.Diag;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Alerts on the writer thread: for each group write's answer and each rule in effect, the
 * decision ({@link Trigger}), then a notice per configured channel through the {@link RateLimit}
 * to the {@link Sender}; and the
 * finished notices stored in {@code notices}. A rule naming a channel that is not configured
 * sends nothing there (debug note).
 */
public final class Alerts {
    /** Notices sent or failed held for {@code notices} while MongoDB does not take them; more are counted and not stored. */
    static final int MAX_UNSTORED = 1000;

    private final Rules rules = new Rules();
    private final RateLimit limit = new RateLimit();
    private final Sender sender;
    private final List<Document> finished = new ArrayList<Document>();
    private final int maxUnstored;
    private final java.util.concurrent.atomic.AtomicLong unrecorded = new java.util.concurrent.atomic.AtomicLong();

    Alerts(Map<String, Channel> channels) {
        this(channels, MAX_UNSTORED);
    }

    Alerts(Map<String, Channel> channels, int maxUnstored) {
        this.sender = new Sender(channels);
        this.maxUnstored = maxUnstored;
    }

    /** The channels the configuration gives: {@code notify.webhook}, {@code notify.slack}, {@code notify.smtp.*} (empty or null: none). */
    public static Alerts of(String webhook, String slack, Smtp smtp) {
        Map<String, Channel> channels = new LinkedHashMap<String, Channel>();
        if (webhook != null && !webhook.isEmpty()) {
            channels.put("webhook", new WebhookChannel(webhook));
        }
        if (slack != null && !slack.isEmpty()) {
            channels.put("slack", new SlackChannel(slack));
        }
        if (smtp != null) {
            channels.put("email", new EmailChannel(smtp));
        }
        return new Alerts(channels);
    }

    /**
     * Writer thread, before a group write: the windows (ms) of the threshold rules in effect,
     * whose counts that write keeps ({@code window_counts}); may throw when MongoDB is away.
     */
    public List<Long> windows(AlertStore store, long nowNanos) {
        List<Long> windows = new ArrayList<Long>();
        for (AlertRule rule : rules.current(store, nowNanos)) {
            if (rule.windowMillis > 0 && !windows.contains(rule.windowMillis)) {
                windows.add(rule.windowMillis);
            }
        }
        return windows;
    }

    /** Writer thread, after a group write; {@code store} may throw when MongoDB is away (rules then stay as they were). */
    public void changed(List<GroupChange> changes, AlertStore store, long nowNanos) {
        if (changes.isEmpty()) {
            return;
        }
        List<AlertRule> inEffect = rules.current(store, nowNanos);
        Date now = new Date();
        long nowMillis = now.getTime();
        for (GroupChange change : changes) {
            for (AlertRule rule : inEffect) {
                String event = Trigger.decide(rule, change, nowMillis);
                if (event == null) {
                    continue;
                }
                for (String channel : rule.channels) {
                    if (!sender.has(channel)) {
                        Diag.debug("alert rule " + rule.id + ": channel " + channel + " is not configured");
                        continue;
                    }
                    AlertNotice notice = new AlertNotice(rule, event, change, channel, now);
                    if (limit.allow(notice, nowMillis, store)) {
                        sender.offer(notice);
                    }
                }
            }
        }
    }

    /**
     * Writer thread, every cycle: sends the digests of rate-limit windows that ended, and stores
     * the notices sent or failed since the last call (kept for the next call if MongoDB is away,
     * at most {@link #MAX_UNSTORED}: the newest beyond are counted in {@code alerts_unrecorded}).
     */
    public void store(AlertStore store) {
        offerAll(limit.due(System.currentTimeMillis(), false, store));
        sender.drainDone(finished);
        if (finished.isEmpty()) {
            return;
        }
        try {
            store.insertNotices(finished);
            finished.clear();
        } catch (RuntimeException e) {
            int over = finished.size() - maxUnstored;
            if (over > 0) {
                finished.subList(maxUnstored, finished.size()).clear();
                unrecorded.addAndGet(over);
                Diag.warnRateLimited("alerts-unrecorded", "MongoDB does not take the notices sent: " + maxUnstored
                        + " are waiting, more are not stored in notices (counted in agent_health.alerts_unrecorded)");
            }
            throw e;
        }
    }

    /** At exit, before the last notices are awaited: every pending digest goes out now. */
    public void exiting(AlertStore store) {
        offerAll(limit.due(System.currentTimeMillis(), true, store));
    }

    private void offerAll(List<AlertNotice> digests) {
        for (AlertNotice digest : digests) {
            sender.offer(digest);
        }
    }

    /** Adds this JVM's alert counts to an {@code agent_health} document. */
    public void describe(Document health) {
        health.append("alerts_sent", sender.sent.get()).append("alerts_failed", sender.failed.get())
                .append("alerts_dropped", sender.dropped.get()).append("alerts_unrecorded", unrecorded.get());
    }

    public void awaitSent(long deadlineNanos) {
        sender.awaitSent(deadlineNanos);
    }
}
