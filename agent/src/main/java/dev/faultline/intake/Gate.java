package dev.faultline.intake;

import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.EventSink;
import dev.faultline.capture.SeenThrowables;
import dev.faultline.codes.CodeFields;
import dev.faultline.codes.ErrorCodeTracker;
import dev.faultline.core.Diag;
import dev.faultline.instrument.CapturePaths;
import dev.faultline.store.Health;

/**
 * Where every captured event enters the agent, on the application thread, in one call from the
 * bridge: the error-code decision (a suppressed repeat ends here, costing a look-up and a
 * counter), the level check for events the bridge let through only for their code, the
 * one-occurrence rule for a Throwable seen on two paths, the thread's breadcrumbs, the call-site stack, the cut of oversized
 * text to the record caps ({@link EventSize}), and the queue.
 * Never blocks, never throws into the application; whatever it refuses is counted.
 */
public final class Gate implements EventSink {
    private final EventQueue queue;
    private final ErrorCodeTracker tracker;
    private final Health health;
    private final boolean hideSuppressed;
    private final EventSize sizes;
    private final String fullWarning;
    private final String bytesWarning;
    private final SeenThrowables seen = new SeenThrowables();
    private final CallSiteCache sites = new CallSiteCache();
    private final StormShed storms;

    /**
     * @param hideSuppressed {@code suppress-duplicate-logs}: keep suppressed events out of the application's appenders
     * @param maxMessageLength {@code max.message-length}: longer text is cut before it waits in the queue
     */
    public Gate(EventQueue queue, ErrorCodeTracker tracker, Health health, boolean hideSuppressed, int maxMessageLength) {
        this(queue, tracker, health, hideSuppressed, maxMessageLength, null);
    }

    /** @param storms sheds an error storm before the queue (null: never); the writer sweeps what it counts */
    public Gate(EventQueue queue, ErrorCodeTracker tracker, Health health, boolean hideSuppressed, int maxMessageLength,
            StormShed storms) {
        this.storms = storms;
        this.queue = queue;
        this.tracker = tracker;
        this.health = health;
        this.hideSuppressed = hideSuppressed;
        this.sizes = new EventSize(maxMessageLength);
        this.fullWarning = "queue full (queue.size=" + queue.capacity() + "), errors are being dropped; see agent_health.dropped";
        this.bytesWarning = "queue memory full (queue.max-bytes=" + queue.maxBytes()
                + "), errors are being dropped; see agent_health.dropped";
    }

    /**
     * A logged call, before its event is made: what can be decided without the event is decided
     * here, once, and then makes no event. A repeat of an active error code inside its window is
     * suppressed (counted). Any other call with a code, or of a non-logging path with a throwable,
     * or below the level (there for its code) goes to {@link #offer} undecided. For the rest the
     * call's storm key is found (or made) and counted: a call of a storm is shed, a call the full
     * queue would refuse is counted as dropped, and a call that passes goes to {@link #offer} with
     * its key, which then checks nothing again.
     */
    @Override
    public Object before(String source, int severity, long timestamp, String logger, String template, Throwable throwable,
            java.util.Map<String, ?> context, java.util.List<?> keyValues) {
        if (context != null || keyValues != null) {
            Object code = tracker.early(context, keyValues, timestamp);
            if (code == ErrorCodeTracker.SUPPRESSED) {
                health.suppressed.incrementAndGet();
                return hideSuppressed ? HIDE : null;
            }
            if (code != null) {
                return CONTINUE;
            }
        }
        if (storms == null || !Bridge.captures(severity) || throwable != null && CapturePaths.isErrorPath(source)) {
            return CONTINUE;
        }
        if (throwable != null && seen.capturedOnAPath(throwable)) {
            health.repeats.incrementAndGet();
            return null;
        }
        Object key = storms.key(logger, source, template, throwable, timestamp);
        if (key != null && storms.shedNow(key, timestamp)) {
            return TAKEN;
        }
        if (queue.full()) {
            // Checked again when the event is queued; here it spares the event when it is certain.
            health.captured.incrementAndGet();
            return dropped(EventQueue.Offer.FULL, timestamp);
        }
        if (key == null) {
            // Not countable (its slot is another key's): offer makes the same checks again.
            return CONTINUE;
        }
        if (throwable != null) {
            seen.logged(throwable);
        }
        return key;
    }

    @Override
    public Object offer(CapturedEvent e) {
        if (e.storm == null) {
            // Not decided by before(): the one capture level (the bridge's), the code, a repeat.
            boolean atLevel = Bridge.captures(e.severity);
            CodeFields fields = e.context == null && e.keyValues == null ? null : CodeFields.read(e.context, e.keyValues);
            if (fields != null) {
                Object decision = tracker.decide(fields, atLevel);
                if (decision == ErrorCodeTracker.SUPPRESSED) {
                    health.suppressed.incrementAndGet();
                    return hideSuppressed ? HIDE : null;
                }
                e.codeDecision = decision;
            }
            if (e.codeDecision == null && !atLevel) {
                return null;
            }
            if (seen.repeat(e)) {
                // The same Throwable already captured on another path: one occurrence, counted here.
                health.repeats.incrementAndGet();
                return null;
            }
        }
        if (storms != null && e.codeDecision == null && storms.shed(e)) {
            // A storm of one key: counted in its entry, counted as captured once the writer takes
            // it; not a breadcrumb either (the thread's next occurrence is likely the same error).
            return TAKEN;
        }
        health.captured.incrementAndGet();
        if ((e.throwable == null || Frames.none(e.throwable)) && e.siteClass == null) {
            // Also for a Throwable without frames: the call site is then its only location.
            callSite(e);
        } else {
            // Not needed: the framework's event is not kept waiting in the queue.
            e.siteBoundary = null;
        }
        e.queueBytes = sizes.fit(e);
        EventQueue.Offer room = queue.reserve(e, e.codeDecision != null);
        if (room != EventQueue.Offer.QUEUED) {
            if (storms != null) {
                storms.refused(e);
            }
            return dropped(room, e.timestamp);
        }
        // The thread's log events since its last queued occurrence: references copied, formatted
        // on the writer; copied only now that there is room (a dropped event's wait for the next).
        // An executor failure brings its own, copied on the failing thread (Unobserved).
        boolean threadsOwn = e.breadcrumbs == null;
        if (threadsOwn) {
            Bridge.breadcrumbsTo(e);
        }
        queue.publish(e, (int) EventSize.breadcrumbs(e.breadcrumbs));
        if (threadsOwn) {
            Bridge.breadcrumbsHandedOver(e);
        }
        return TAKEN;
    }

    /**
     * Counts an event the queue refused ({@code FULL} or {@code OVER_BYTES}). It is not remembered
     * as a breadcrumb either, as a shed call is not (docs/CONFIGURATION.md, Breadcrumbs): in a
     * flood the breadcrumbs of the next stored occurrence stay the log events before it.
     */
    private Object dropped(EventQueue.Offer room, long at) {
        if (room == EventQueue.Offer.FULL) {
            health.dropped(Health.QUEUE_FULL, 1);
            Diag.warnRateLimited(Health.QUEUE_FULL, fullWarning, at);
        } else {
            health.dropped(Health.QUEUE_MEMORY_FULL, 1);
            Diag.warnRateLimited(Health.QUEUE_MEMORY_FULL, bytesWarning, at);
        }
        return TAKEN;
    }

    /**
     * The site from memory or a walk when this logger and template is remembered
     * ({@link CallSiteCache}); else only the native backtrace, whose frames are materialised on
     * the writer ({@code pipeline.CallSite}).
     */
    private void callSite(CapturedEvent e) {
        // The hook's hint (an FQCN, Logback's event, JUL's record) becomes the boundary the
        // search honours, here and on the writer for a kept backtrace.
        Object boundary = SiteBoundary.of(e.siteBoundary);
        e.siteBoundary = boundary;
        CallSiteCache.Entry entry = sites.entry(e.logger, e.template, boundary);
        CallSiteCache.Site site = entry == null ? null : entry.site();
        if (site != null) {
            site.copyTo(e);
        } else {
            e.siteTrace = new Throwable("faultline call site");
        }
    }
}
