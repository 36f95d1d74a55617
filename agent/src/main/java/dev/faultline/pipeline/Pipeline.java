package dev.faultline.pipeline;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.capture.Occurrence;
import dev.faultline.capture.RecordFactory;
import dev.faultline.capture.Trails;
import dev.faultline.codes.CodeUpdates;
import dev.faultline.codes.Decision;
import dev.faultline.codes.ErrorCodeTracker;
import java.util.List;
import org.bson.Document;

/**
 * The writer thread's one way through, for one captured event: the thread's breadcrumb trail
 * ({@link Trails}), call site, code decision (settled against the stored episodes), typed record
 * with fingerprint, redaction and caps ({@link RecordFactory}). The group delta is the last step, taken by the store once MongoDB has
 * stored the occurrence ({@link GroupDelta}). No step touches MongoDB.
 */
public final class Pipeline {
    /** What became of one event. */
    public enum Outcome { RECORD, SUPPRESSED, NOT_RECORDED, OWN }

    private final RecordFactory records;
    private final ErrorCodeTracker tracker;
    private final CodeUpdates codes;
    private final Trails trails;
    private Outcome last;

    public Pipeline(RecordFactory records, ErrorCodeTracker tracker, CodeUpdates codes, Trails trails) {
        this.records = records;
        this.tracker = tracker;
        this.codes = codes;
        this.trails = trails;
    }

    /** The record factory's grouping rules (the writer refreshes the stored ones). */
    public dev.faultline.capture.GroupingRules groupingRules() {
        return records.groupingRules();
    }

    /**
     * Runs {@code e} through the steps. Call only once the stored episodes were loaded (or could
     * not be): see {@link ErrorCodeTracker#loaded}.
     *
     * @return the occurrence to store, or null ({@link #outcome()} says why)
     */
    public Occurrence process(CapturedEvent e) {
        List<Document> breadcrumbs = trails.before(e);
        Occurrence occurrence = occurrence(e, breadcrumbs);
        // Whatever became of it, the event is a breadcrumb of its thread's next occurrence.
        trails.after(e, occurrence == null ? null : occurrence.message);
        return occurrence;
    }

    private Occurrence occurrence(CapturedEvent e, List<Document> breadcrumbs) {
        CallSite.resolve(e);
        Object settled = settle(e);
        if (settled == ErrorCodeTracker.SUPPRESSED) {
            return null;
        }
        boolean record = recorded(e);
        Occurrence occurrence = record ? records.occurrence(e, breadcrumbs) : null;
        if (settled != null) {
            codes.handle((Decision) settled, occurrence == null ? null : occurrence.message);
        }
        last = occurrence != null ? Outcome.RECORD : record ? Outcome.OWN : Outcome.NOT_RECORDED;
        return occurrence;
    }

    /**
     * {@code e}'s code decision settled against the stored episodes ({@link ErrorCodeTracker#resolve}):
     * the decision to carry out; {@link ErrorCodeTracker#SUPPRESSED} (the outcome then set); or
     * null when it has none or turned out an ordinary event.
     */
    private Object settle(CapturedEvent e) {
        if (!(e.codeDecision instanceof Decision)) {
            return null;
        }
        Object settled = tracker.resolve((Decision) e.codeDecision);
        if (settled == ErrorCodeTracker.SUPPRESSED) {
            last = Outcome.SUPPRESSED;
        }
        return settled;
    }

    /** Whether {@code e} is recorded as far as its code decision says (a clear below the capture level is not). */
    private static boolean recorded(CapturedEvent e) {
        return !(e.codeDecision instanceof Decision) || ((Decision) e.codeDecision).record();
    }

    /**
     * A record of {@code e} made before the stored episodes, merges and grouping rules are
     * known, for the spool only: what the next start stores if this JVM is killed before it can
     * {@link #process} the event. No breadcrumbs (the thread's trail is left for {@link
     * #process}), the built-in fingerprint (grouping rules are applied, and their failures
     * counted, once, by {@link #process}, as are parts that cannot be read), its code decision neither settled nor written. Null
     * when the event is not recorded as it stands (the agent's own, or a clear below the capture level).
     */
    public Occurrence provisional(CapturedEvent e) {
        CallSite.resolve(e);
        if (!recorded(e)) {
            return null;
        }
        Document doc = records.buildAhead(e);
        return doc == null ? null : Occurrence.of(doc);
    }

    /**
     * A record of {@code e} made without running the application's code ({@link
     * RecordFactory#withoutApplicationCode}), for the spool, when the writer is held up in the
     * application's code at exit; null when the event is not recorded ({@link #outcome()} says why).
     */
    public Occurrence withoutApplicationCode(CapturedEvent e, String reason) {
        CallSite.resolve(e);
        // Its code's writes too (an episode opened behind the held-up event had none), with the
        // template for its message.
        Object settled = settle(e);
        if (settled == ErrorCodeTracker.SUPPRESSED) {
            return null;
        }
        if (settled != null) {
            codes.handle((Decision) settled, e.template);
        }
        if (!recorded(e)) {
            last = Outcome.NOT_RECORDED;
            return null;
        }
        Document doc = records.withoutApplicationCode(e, reason);
        last = doc == null ? Outcome.OWN : Outcome.RECORD;
        return doc == null ? null : Occurrence.of(doc);
    }

    /** What the last {@link #process} call did. */
    public Outcome outcome() {
        return last;
    }
}
