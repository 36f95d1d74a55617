package dev.faultline.codes;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.faultline.capture.Fingerprints;
import dev.faultline.capture.Identity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Turns the tracker's decisions into {@code error_codes} writes and notices, on the writer
 * thread. Writes are kept in order (an episode is opened before it is updated); suppressed
 * repeats become at most one {@code $inc} per episode per flush, however many there were.
 *
 * <p>Several JVMs of one source (the same service, server id, node and machine: workers of one
 * service) share one episode per code (ERROR_CODES.md, "Several JVMs of one source"). An
 * episode's active document carries {@code open_key}, a hash of the source and the code, under
 * a unique sparse index, and is opened by an upsert on that key, so it is made once whichever JVM
 * comes first. With MongoDB answering, an opening, a re-alert and a clear are each sent alone and
 * their notice goes out only when the answer says this JVM made the change (it inserted the
 * episode, no other JVM re-alerted in the window, the episode was still active); an opening that
 * finds another JVM's episode takes its id and continues it by the window rule. When no answer
 * can be had (MongoDB away, the exit), the writes go as they are (by key for an episode whose
 * id MongoDB has not given) and the notice is sent all the same.
 */
public final class CodeUpdates {
    /** The field of an active episode's document that is unique per source and code; removed at its clear. */
    public static final String OPEN_KEY = "open_key";

    private final ErrorCodeTracker tracker;
    private final Identity identity;
    private final Notifier notifier;
    /**
     * Guarded by itself: the writer thread adds and takes; the shutdown hook takes what is left
     * when the writer is stuck in a call to MongoDB (for the spool).
     */
    private final List<CodeWrite> pending = new ArrayList<CodeWrite>();
    /** Episodes another JVM of the source ended, whose repeats counted meanwhile are written once more (writer thread). */
    private final List<Episode> retired = new ArrayList<Episode>();

    public CodeUpdates(ErrorCodeTracker tracker, Identity identity, Notifier notifier) {
        this.tracker = tracker;
        this.identity = identity;
        this.notifier = notifier;
    }

    /** One decided event; {@code message} is its formatted message. */
    public void handle(Decision d, String message) {
        Episode e = d.episode;
        switch (d.action) {
            case NEW:
                e.message = message == null ? "" : message;
                e.written = true;
                add(new CodeWrite(CodeWrite.Kind.OPEN, e, d.time, d.windowMillis, 1,
                        notice(d, new Notice(Notice.Kind.NEW, e.code, e.message, null, d.time, 1))));
                break;
            case RE_ALERT:
                e.alerts++;
                add(new CodeWrite(CodeWrite.Kind.RE_ALERT, e, d.time, d.windowMillis, 1,
                        notice(d, new Notice(Notice.Kind.RE_ALERT, e.code, e.message, null, d.time, e.alerts))));
                break;
            default:
                e.clearMessage = e.startUnknown ? ClearMessage.startUnknown(e.code) : ClearMessage.of(e.code, e.startTime, e.clearedAt, e.message);
                add(new CodeWrite(CodeWrite.Kind.CLEAR, e, e.clearedAt, 0, e.unwritten.getAndSet(0),
                        notice(d, new Notice(Notice.Kind.CLEARED, e.code, e.message, e.clearMessage, e.clearedAt, e.alerts))));
                break;
        }
    }

    private static Notice notice(Decision d, Notice notice) {
        return d.notify ? notice : null;
    }

    /** Adds the suppressed repeats counted since the last batch, one update per episode. */
    public void collectSuppressed() {
        for (Episode e : tracker.episodes()) {
            collect(e);
        }
        for (Episode e : retired) {
            collect(e);
        }
        retired.clear();
    }

    private void collect(Episode e) {
        if (!e.written) {
            // Its opening is still queued: an update now would match no document.
            return;
        }
        long n = e.unwritten.getAndSet(0);
        if (n > 0) {
            add(new CodeWrite(CodeWrite.Kind.COUNT, e, e.lastSeen, 0, n, null));
        }
    }

    /**
     * Sends the pending writes in order: openings, re-alerts and clears alone for their answers
     * (and notices), the repeats' counts between them as one bulk write each. Throws what
     * MongoDB threw; the writes not done are kept for the next call, and the notice of the one
     * that failed is sent (its answer cannot be known).
     */
    public void send(CodeStore db) {
        List<CodeWrite> writes = takeWrites();
        int i = 0;
        try {
            while (i < writes.size()) {
                CodeWrite w = writes.get(i);
                if (w.answered()) {
                    answer(w, db);
                    i++;
                    continue;
                }
                List<WriteModel<Document>> run = new ArrayList<WriteModel<Document>>();
                int end = i;
                while (end < writes.size() && !writes.get(end).answered()) {
                    models(writes.get(end++), run);
                }
                db.writeCodes(run);
                i = end;
            }
        } catch (RuntimeException e) {
            if (writes.get(i).answered()) {
                sendUnanswered(writes.get(i));
            }
            putBack(writes.subList(i, writes.size()));
            throw e;
        }
    }

    private void answer(CodeWrite w, CodeStore db) {
        Episode e = w.episode;
        switch (w.kind) {
            case OPEN:
                Document stored = db.openEpisode(openKey(e.code), openUpdate(w));
                e.confirmed = true;
                if (stored == null || w.proposedId.equals(String.valueOf(stored.get("_id")))) {
                    sendNotice(w);
                } else {
                    joined(w, EpisodeDocuments.fromDocument(stored, Clock.SYSTEM), db);
                }
                break;
            case RE_ALERT:
                Document after = db.updateCode(notAlertedSince(filter(e), w), reAlertUpdate(w, true));
                if (after != null) {
                    // The alert's number as stored: other JVMs of the source alert in it too.
                    alerted(w, after);
                } else {
                    // Another JVM of the source alerted within this window: here it is one more repeat.
                    e.alerts--;
                    e.unwritten.incrementAndGet();
                }
                break;
            default:
                Document cleared = db.updateCode(clearFilter(e), clearUpdate(w));
                if (cleared != null && e.startUnknown) {
                    clearedByKey(w, cleared, db);
                } else if (cleared != null) {
                    sendNotice(w);
                }
                break;
        }
    }

    /**
     * The opening found the episode another JVM of the source opened: this one continues it, by
     * the window rule against that episode's last alert (ERROR_CODES.md, rule 3). The opening
     * counted the occurrence already.
     */
    private void joined(CodeWrite w, Episode stored, CodeStore db) {
        Episode e = w.episode;
        e.join(stored);
        Document after = ErrorCodeTracker.windowOver(stored.lastAlert(), w.time, w.windowMillis)
                ? db.updateCode(notAlertedSince(filter(e), w), reAlertUpdate(w, false)) : null;
        if (after != null) {
            if (w.notice != null) {
                w.notice = new Notice(Notice.Kind.RE_ALERT, e.code, e.message, null, w.time, 0);
            }
            alerted(w, after);
            return;
        }
        // Inside that episode's window: suppressed here, its window goes on from its alert.
        e.lastAlert.compareAndSet(w.time, stored.lastAlert());
        w.notice = null;
    }

    /**
     * A clear by key ended the episode {@code cleared} (as stored after it): its clear message
     * made as for any clear, from its stored start and first message, and its notice sent.
     */
    private void clearedByKey(CodeWrite w, Document cleared, CodeStore db) {
        Episode stored = EpisodeDocuments.fromDocument(cleared, Clock.SYSTEM);
        String message = ClearMessage.of(stored.code, stored.startTime, w.time, stored.message);
        db.updateCode(Filters.eq("_id", cleared.get("_id")), Updates.set("clear_message", message));
        if (w.notice != null) {
            w.notice = new Notice(Notice.Kind.CLEARED, stored.code, stored.message, message, w.time, stored.alerts);
        }
        sendNotice(w);
    }

    /** A re-alert MongoDB applied: its notice goes out numbered as stored ({@code after} holds {@code alerts}). */
    private void alerted(CodeWrite w, Document after) {
        Object alerts = after.get("alerts");
        if (alerts instanceof Number) {
            w.episode.alerts = ((Number) alerts).longValue();
            if (w.notice != null) {
                w.notice = w.notice.numbered(w.episode.alerts);
            }
        }
        sendNotice(w);
    }

    /**
     * The notice of a write whose answer cannot be had: sent, but for a clear by key, which may
     * match no episode (a service clearing on every success would send "cleared" each time).
     */
    private void sendUnanswered(CodeWrite w) {
        if (!w.episode.startUnknown) {
            sendNotice(w);
        }
    }

    private void sendNotice(CodeWrite w) {
        if (w.notice != null) {
            notifier.send(w.notice);
            w.notice = null;
        }
    }

    /**
     * The writes to spool or to send without their answers (the exit), taken out, as MongoDB
     * writes made from what is known now; their notices are sent (whether this JVM made the
     * change cannot be known).
     */
    public List<WriteModel<Document>> take() {
        List<CodeWrite> writes = takeWrites();
        List<WriteModel<Document>> out = new ArrayList<WriteModel<Document>>(writes.size());
        for (CodeWrite w : writes) {
            models(w, out);
            sendUnanswered(w);
        }
        return out;
    }

    private List<CodeWrite> takeWrites() {
        synchronized (pending) {
            List<CodeWrite> out = new ArrayList<CodeWrite>(pending);
            pending.clear();
            return out;
        }
    }

    private void putBack(List<CodeWrite> writes) {
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

    private void add(CodeWrite write) {
        synchronized (pending) {
            pending.add(write);
        }
    }

    /**
     * The write as sent without its answer, as the spool replays it, added to {@code out}. A
     * re-alert is two writes: the alert, applied only when no other JVM of the source alerted in
     * its window (JVMs that re-alerted during one outage are replayed in any order, later), and
     * its occurrence, always counted.
     */
    private void models(CodeWrite w, List<WriteModel<Document>> out) {
        Episode e = w.episode;
        switch (w.kind) {
            case OPEN:
                out.add(new UpdateOneModel<Document>(keyFilter(openKey(e.code)), openUpdate(w), new UpdateOptions().upsert(true)));
                break;
            case RE_ALERT:
                out.add(new UpdateOneModel<Document>(notAlertedSince(filter(e), w), reAlertUpdate(w, false)));
                out.add(new UpdateOneModel<Document>(filter(e), countUpdate(w.time, 1)));
                break;
            case CLEAR:
                out.add(new UpdateOneModel<Document>(clearFilter(e), clearUpdate(w)));
                break;
            default:
                out.add(new UpdateOneModel<Document>(filter(e), countUpdate(w.time, w.count)));
        }
    }

    private static Bson countUpdate(long time, long count) {
        Date seen = new Date(time);
        return Updates.combine(Updates.inc("occurrences", count), Updates.max("last_seen", seen), Updates.set("updated_at", seen));
    }

    /** The episode's document: by its id once MongoDB gave it, else the source's active one of its code. */
    private Bson filter(Episode e) {
        return e.confirmed ? Filters.eq("_id", e.id) : keyFilter(openKey(e.code));
    }

    private Bson clearFilter(Episode e) {
        if (e.startUnknown) {
            // Not an episode opened after this clear (another JVM's, once MongoDB was back).
            return Filters.and(filter(e), Filters.lte("start_time", new Date(e.clearedAt)));
        }
        return e.confirmed ? Filters.and(Filters.eq("_id", e.id), Filters.eq("active", true)) : filter(e);
    }

    /**
     * The source's active episode of the code whose open key is {@code openKey}. Active too: an
     * agent from before open keys clears by id and leaves the key on the ended episode.
     */
    public static Document keyFilter(String openKey) {
        return new Document(OPEN_KEY, openKey).append("active", true);
    }

    /**
     * Made with this JVM's id and the event as its first, or found: then only the occurrence and
     * its time are added. The key comes from the filter's equality.
     */
    private Document openUpdate(CodeWrite w) {
        Document opened = EpisodeDocuments.opened(w.episode, identity);
        opened.put("_id", w.proposedId);
        opened.remove("occurrences");
        opened.remove("last_seen");
        opened.remove("updated_at");
        Date time = new Date(w.time);
        return new Document("$setOnInsert", opened).append("$inc", new Document("occurrences", 1L))
                .append("$max", new Document("last_seen", time)).append("$set", new Document("updated_at", time));
    }

    /**
     * {@code episode}, when no alert was made since the window before this event started (or this
     * very alert was: a retry after a lost answer). A window of 0 re-alerts every time.
     */
    private static Bson notAlertedSince(Bson episode, CodeWrite w) {
        if (w.windowMillis == 0) {
            return episode;
        }
        return Filters.and(episode, Filters.or(Filters.lt("last_log_time", new Date(w.time - w.windowMillis)),
                Filters.eq("last_log_time", new Date(w.time))));
    }

    private static Bson reAlertUpdate(CodeWrite w, boolean countsOccurrence) {
        Date time = new Date(w.time);
        return Updates.combine(Updates.set("last_log_time", time), Updates.max("last_seen", time), Updates.set("updated_at", time),
                Updates.inc("alerts", 1L), Updates.inc("occurrences", countsOccurrence ? 1L : 0L));
    }

    private static Bson clearUpdate(CodeWrite w) {
        Episode e = w.episode;
        Date cleared = new Date(w.time);
        return Updates.combine(Updates.set("active", false), Updates.set("cleared_at", cleared),
                Updates.set("clear_message", e.clearMessage), Updates.set("updated_at", cleared),
                Updates.inc("occurrences", w.count), Updates.unset(OPEN_KEY));
    }

    /**
     * The {@link #OPEN_KEY} of this source's episode of {@code code}: a hash of the identity fields
     * that make the source and the code (fixed length, whatever their lengths).
     */
    public String openKey(String code) {
        return Fingerprints.sha1("episode\n" + identity.service() + "\n" + identity.serverId() + "\n" + identity.nodeName()
                + "\n" + identity.machine() + "\n" + code);
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
                e.confirmed = true;
                episodes.add(e);
            }
        }
        return episodes;
    }

    /**
     * Writer thread, with this source's active episodes as stored now ({@link #storedFilter()}):
     * what other JVMs of the source did since reaches this one ({@link ErrorCodeTracker#reconcile}).
     * An episode whose opening is still to be sent is left as it is.
     */
    public void refreshed(List<Document> stored) {
        Set<Episode> opening = Collections.newSetFromMap(new IdentityHashMap<Episode, Boolean>());
        synchronized (pending) {
            for (CodeWrite w : pending) {
                if (w.kind == CodeWrite.Kind.OPEN) {
                    opening.add(w.episode);
                }
            }
        }
        retired.addAll(tracker.reconcile(episodes(stored), opening));
    }
}
