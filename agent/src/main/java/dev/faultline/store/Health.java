package dev.faultline.store;

import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.Unobserved;
import dev.faultline.config.MongoUris;
import dev.faultline.core.AgentVersion;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * What this JVM's agent has done: every event is captured, then written, suppressed, spooled,
 * recognised as the agent's own, or dropped for a named reason. Nothing is lost without a count
 * here; the writer stores these counters in {@code agent_health}.
 */
public final class Health {
    /** Reasons an event can be dropped. */
    public static final String QUEUE_FULL = "queue_full";
    /** The queue holds {@code queue.max-bytes} of events already. */
    public static final String QUEUE_MEMORY_FULL = "queue_memory_full";
    public static final String WRITE_FAILED = "write_failed";
    /** The writer ran out of heap building or holding the event (a small heap, the application's large values). */
    public static final String OUT_OF_MEMORY = "out_of_memory";
    /** Building the event's record failed in a way the record's own fallbacks did not catch. */
    public static final String WRITER_FAILED = "writer_failed";
    public static final String SHUTDOWN = "shutdown";
    public static final String REJECTED = "rejected";

    /**
     * What the writer knows of MongoDB. {@code CREDENTIALS_REFUSED}: it answers its heartbeat but
     * refuses the user and password of {@code mongo.uri}, so nothing can be written until they are
     * right (the heartbeat does not log in, so it does not make this {@code CONNECTED} again).
     */
    public enum MongoState { CONNECTING, CONNECTED, UNREACHABLE, CREDENTIALS_REFUSED;

        /** Whether a call would fail for certain: not tried at exit. */
        public boolean away() {
            return this == UNREACHABLE || this == CREDENTIALS_REFUSED;
        }
    }

    // Made on first use (the writer thread), not in premain: UUID.randomUUID() seeds
    // SecureRandom, which loads the security providers, tens of milliseconds of start-up.
    private String id;
    private final Date startedAt = new Date();
    public final AtomicLong captured = new AtomicLong();
    /** The reports made so far ({@code agent_health.report_seq}): a report never replaces a later one. */
    private final AtomicLong reports = new AtomicLong();
    final AtomicLong written = new AtomicLong();
    public final AtomicLong suppressed = new AtomicLong();
    /** The part of {@link #suppressed} decided on the writer, after the event was counted as captured. */
    final AtomicLong suppressedAfterCapture = new AtomicLong();
    /** This JVM's records in its spool, not (yet) known to be stored: up on append, down when stored from it. */
    final AtomicLong spooled = new AtomicLong();
    /** Records of spools left by earlier runs, stored by this JVM (outside its own accounting). */
    final AtomicLong replayed = new AtomicLong();
    /** Records of left spools MongoDB refused. */
    final AtomicLong replayRejected = new AtomicLong();
    /** Left spool files whose damaged tail was skipped. */
    final AtomicLong spoolCorruptTails = new AtomicLong();
    final AtomicLong self = new AtomicLong();
    /**
     * Occurrences counted in their group's {@code count} but not stored as documents: beyond
     * {@code storm.keep-per-window} in a window and not kept as a sample, or shed on the
     * application thread in a storm (counted as captured when the writer takes their count).
     */
    final AtomicLong sampled = new AtomicLong();
    /**
     * Stored occurrences (in {@link #written}) missing from their group's {@code count}: MongoDB
     * refused the group update, or its count could be neither written nor spooled. Outside the
     * accounting identity; the only-counted ones of such a group move from {@link #sampled} to a
     * drop reason instead ({@link #groupCountLost}).
     */
    final AtomicLong groupCountsLost = new AtomicLong();
    /** Events handled for their error code only: a clear below {@code capture.level}. */
    final AtomicLong notRecorded = new AtomicLong();
    /** Rounds of error_groups writes: coalescing makes this far smaller than {@code written}. */
    final AtomicLong groupWrites = new AtomicLong();
    /** Events whose Throwable another path had already captured (one occurrence, not two). */
    public final AtomicLong repeats = new AtomicLong();
    private final ConcurrentMap<String, AtomicLong> dropped = new ConcurrentHashMap<String, AtomicLong>();
    private volatile MongoState mongoState = MongoState.CONNECTING;
    private volatile String lastWriteError;
    /** When {@link #lastWriteError} happened: a reader tells a past failure from a current one. */
    private volatile Date lastWriteErrorAt;
    /** This JVM's {@code grouping.rules}, reported so the console can list them (GROUPING.md); empty: none. */
    private volatile String groupingRules = "";

    public synchronized String id() {
        if (id == null) {
            id = UUID.randomUUID().toString();
        }
        return id;
    }

    /**
     * The group count of {@code counted} occurrences, {@code stored} of them stored, will not reach
     * MongoDB: the only-counted ones are no longer {@code sampled} (counted in a group) but
     * dropped for {@code reason}; the stored ones stay written and are counted as
     * {@code group_counts_lost}.
     */
    void groupCountLost(long counted, long stored, String reason) {
        long onlyCounted = counted - stored;
        if (onlyCounted > 0) {
            sampled.addAndGet(-onlyCounted);
            dropped(reason, onlyCounted);
        }
        groupCountsLost.addAndGet(stored);
    }

    public void dropped(String reason, long n) {
        if (n == 0) {
            return;
        }
        AtomicLong counter = dropped.get(reason);
        if (counter == null) {
            AtomicLong fresh = new AtomicLong();
            counter = dropped.putIfAbsent(reason, fresh);
            if (counter == null) {
                counter = fresh;
            }
        }
        counter.addAndGet(n);
    }

    public long dropped(String reason) {
        AtomicLong counter = dropped.get(reason);
        return counter == null ? 0 : counter.get();
    }

    public long droppedTotal() {
        long total = 0;
        for (AtomicLong c : dropped.values()) {
            total += c.get();
        }
        return total;
    }

    public long captured() {
        return captured.get();
    }

    public long written() {
        return written.get();
    }

    public long spooled() {
        return spooled.get();
    }

    public long replayed() {
        return replayed.get();
    }

    public long self() {
        return self.get();
    }

    public MongoState mongoState() {
        return mongoState;
    }

    void mongoState(MongoState state) {
        this.mongoState = state;
    }

    void writeFailed(Throwable t) {
        // A call the exit gave up on says so, not the name of the agent's own class for it.
        writeFailed(BoundedCalls.gaveUp(t instanceof RuntimeException ? (RuntimeException) t : null)
                ? "gave up at exit: " + t.getMessage()
                : t.getClass().getName() + ": " + (t instanceof IllegalArgumentException ? MongoUris.driverRefusal(t.getMessage()) : t.getMessage()));
    }

    void writeFailed(String text) {
        lastWriteErrorAt = new Date();
        lastWriteError = text == null ? null : MongoUris.redact(text);
    }

    public String lastWriteError() {
        return lastWriteError;
    }

    /** Set once in premain: the configured {@code grouping.rules}, as written. */
    public void groupingRules(String rules) {
        groupingRules = rules == null ? "" : rules;
    }

    /**
     * A number that changes when a count the report shows changes (the writer reports on change).
     * Each count weighted apart: a record that moves from spooled to written leaves a plain sum as
     * it was, and the report said "spooled" for up to 10 s after the write (a user's trial).
     */
    long signature() {
        return ((((captured() * 31 + written()) * 31 + droppedTotal()) * 31 + suppressed.get()) * 31 + spooled()) * 31 + replayed()
                + Bridge.nestedDropped() * 17;
    }

    /** The drops so far by reason ({@code agent_health.dropped}), sorted by reason. */
    Map<String, Object> droppedByReason() {
        Map<String, Object> drops = new TreeMap<String, Object>();
        for (Map.Entry<String, AtomicLong> e : dropped.entrySet()) {
            drops.put(e.getKey(), e.getValue().get());
        }
        return drops;
    }

    /** The {@code agent_health} document, without the identity fields (the caller adds them). */
    Document toDocument(int queueDepth, long queueBytes) {
        Map<String, Object> drops = droppedByReason();
        Document doc = new Document("_id", id())
                .append("started_at", startedAt)
                .append("updated_at", new Date())
                .append("report_seq", reports.incrementAndGet())
                .append("captured", captured.get())
                .append("written", written.get())
                .append("suppressed", suppressed.get())
                .append("suppressed_after_capture", suppressedAfterCapture.get())
                .append("spooled", spooled.get())
                .append("replayed", replayed.get())
                .append("replay_rejected", replayRejected.get())
                .append("spool_corrupt_tails", spoolCorruptTails.get())
                .append("lost_at_exit", dropped(SHUTDOWN))
                .append("self", self.get())
                .append("sampled", sampled.get())
                .append("not_recorded", notRecorded.get())
                .append("group_counts_lost", groupCountsLost.get())
                .append("group_writes", groupWrites.get())
                .append("repeats", repeats.get())
                .append("executor_not_watched", Unobserved.notWatched())
                .append("nested_not_captured", Bridge.nestedDropped())
                .append("dropped", new Document(drops))
                .append("dropped_total", droppedTotal())
                .append("queue_depth", queueDepth)
                .append("queue_bytes", queueBytes)
                .append("mongo_state", mongoState.name().toLowerCase())
                .append("last_write_error", lastWriteError)
                .append("last_write_error_at", lastWriteError == null ? null : lastWriteErrorAt)
                .append("advice_errors", Bridge.adviceErrors())
                .append("unreadable_parts", Bridge.unreadableParts())
                .append("agent_version", AgentVersion.get())
                .append("java_version", System.getProperty("java.version"));
        return groupingRules.isEmpty() ? doc : doc.append("grouping_rules", groupingRules);
    }
}
