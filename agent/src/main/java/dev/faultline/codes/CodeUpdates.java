package dev.faultline.codes;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.faultline.capture.Identity;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Turns the tracker's decisions into {@code error_codes} writes and notices, on the writer
 * thread. Writes are collected in order (an episode is upserted before it is updated) and sent
 * as one ordered bulk write per batch; suppressed repeats become at most one {@code $inc} per
 * episode per batch, however many there were.
 */
public final class CodeUpdates {
    private final ErrorCodeTracker tracker;
    private final Identity identity;
    private final Notifier notifier;
    /**
     * Guarded by itself: the writer thread adds and takes; the shutdown hook takes what is left
     * when the writer is stuck in a call to MongoDB (for the spool).
     */
    private final List<WriteModel<Document>> pending = new ArrayList<WriteModel<Document>>();

    public CodeUpdates(ErrorCodeTracker tracker, Identity identity, Notifier notifier) {
        this.tracker = tracker;
        this.identity = identity;
        this.notifier = notifier;
    }

    /** One decided event; {@code message} is its formatted message. */
    public void handle(Decision d, String message) {
        Episode e = d.episode;
        Date time = new Date(d.time);
        switch (d.action) {
            case NEW:
                e.message = message == null ? "" : message;
                e.written = true;
                // Upsert, not insert: a retried batch must not fail on its own earlier attempt.
                add(new UpdateOneModel<Document>(Filters.eq("_id", e.id),
                        new Document("$setOnInsert", EpisodeDocuments.opened(e, identity)),
                        new UpdateOptions().upsert(true)));
                notify(d, new Notice(Notice.Kind.NEW, e.code, e.message, null, d.time, 1));
                break;
            case RE_ALERT:
                e.alerts++;
                add(new UpdateOneModel<Document>(Filters.eq("_id", e.id), Updates.combine(
                        Updates.set("last_log_time", time), Updates.max("last_seen", time), Updates.set("updated_at", time),
                        Updates.inc("alerts", 1L), Updates.inc("occurrences", 1L))));
                notify(d, new Notice(Notice.Kind.RE_ALERT, e.code, e.message, null, d.time, e.alerts));
                break;
            default:
                e.clearMessage = ClearMessage.of(e.code, e.startTime, e.clearedAt, e.message);
                Date cleared = new Date(e.clearedAt);
                add(new UpdateOneModel<Document>(Filters.and(Filters.eq("_id", e.id), Filters.eq("active", true)),
                        Updates.combine(Updates.set("active", false), Updates.set("cleared_at", cleared),
                                Updates.set("clear_message", e.clearMessage), Updates.set("updated_at", cleared),
                                Updates.inc("occurrences", e.unwritten.getAndSet(0)))));
                notify(d, new Notice(Notice.Kind.CLEARED, e.code, e.message, e.clearMessage, e.clearedAt, e.alerts));
                break;
        }
    }

    private void notify(Decision d, Notice notice) {
        if (d.notify) {
            notifier.send(notice);
        }
    }

    /** Adds the suppressed repeats counted since the last batch, one update per episode. */
    public void collectSuppressed() {
        for (Episode e : tracker.episodes()) {
            if (!e.written) {
                // Its opening is still queued: an update now would match no document.
                continue;
            }
            long n = e.unwritten.getAndSet(0);
            if (n > 0) {
                Date seen = new Date(e.lastSeen);
                add(new UpdateOneModel<Document>(Filters.eq("_id", e.id), Updates.combine(
                        Updates.inc("occurrences", n), Updates.max("last_seen", seen), Updates.set("updated_at", seen))));
            }
        }
    }

    /** The writes to send, in order, taken out: {@link #putBack} them when MongoDB did not take them. */
    public List<WriteModel<Document>> take() {
        synchronized (pending) {
            List<WriteModel<Document>> out = new ArrayList<WriteModel<Document>>(pending);
            pending.clear();
            return out;
        }
    }

    /** Writes {@link #take}n and not sent, back before any added since. */
    public void putBack(List<WriteModel<Document>> writes) {
        synchronized (pending) {
            pending.addAll(0, writes);
        }
    }

    /** The writes waiting. */
    public int size() {
        synchronized (pending) {
            return pending.size();
        }
    }

    private void add(WriteModel<Document> write) {
        synchronized (pending) {
            pending.add(write);
        }
    }

    /** The {@code error_codes} filter for this source's active episodes: what a restarted agent continues. */
    public Document storedFilter() {
        return new Document("active", true).append("service", identity.service())
                .append("server_id", identity.serverId()).append("node_name", identity.nodeName())
                .append("local_machine_name", identity.machine());
    }

    /** The stored documents matching {@link #storedFilter()} as episodes. */
    public List<Episode> episodes(List<Document> stored) {
        List<Episode> episodes = new ArrayList<Episode>();
        for (Document d : stored) {
            if (d.get("code") != null) {
                Episode e = EpisodeDocuments.fromDocument(d, Clock.SYSTEM);
                e.written = true;
                episodes.add(e);
            }
        }
        return episodes;
    }
}
