package dev.faultline.store;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.capture.Identity;
import dev.faultline.capture.RecordFactory;
import dev.faultline.codes.CodeFields;
import dev.faultline.codes.CodeUpdates;
import dev.faultline.codes.Decision;
import dev.faultline.codes.ErrorCodeTracker;
import dev.faultline.codes.Notifier;
import dev.faultline.config.Config;
import dev.faultline.core.Diag;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bson.Document;

/**
 * The agent's one thread ({@code faultline-writer}). It creates the MongoDB client, ensures the
 * indexes, converts queued events into documents and writes them in batches, retrying with
 * backoff while MongoDB is away, and refreshes {@code agent_health}. The application never waits
 * for it and never wakes it: it polls the queue in short slices.
 */
public final class Writer implements Runnable {
    private static final long IDLE_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long HEALTH_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int DUPLICATE_KEY = 11000;
    /** An event without an error-code decision. */
    private static final Object ORDINARY = new Object();

    private final Config config;
    private final EventQueue queue;
    private final Health health;
    private final ErrorCodeTracker tracker;
    private final Runnable startupTask;
    private final Thread thread;
    private final GroupWriter groups;
    private final List<CapturedEvent> drained = new ArrayList<CapturedEvent>();
    private final List<Document> pending = new ArrayList<Document>();
    private volatile boolean stopping;
    /** When the shutdown hook stops waiting (System.nanoTime()); set with {@link #stopping}. */
    private volatile long shutdownDeadline;
    private volatile int pendingCount;
    /** error_codes writes waiting (new, re-alert, clear): shutdown waits for these too. */
    private volatile int codeWritesPending;

    private Identity identity;
    private RecordFactory records;
    private volatile Notifier notifier;
    private CodeUpdates codes;
    private boolean restored;
    private long nextCodeFlushAt;
    private MongoStore store;
    private long firstPendingAt;
    private long nextAttemptAt;
    private long backoff = FIRST_BACKOFF_NANOS;
    private long nextHealthAt;

    public Writer(Config config, EventQueue queue, Health health, ErrorCodeTracker tracker, Runnable startupTask) {
        this.config = config;
        this.queue = queue;
        this.health = health;
        this.tracker = tracker;
        this.startupTask = startupTask;
        this.groups = new GroupWriter(health);
        this.thread = new Thread(this, "faultline-writer");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void run() {
        Bridge.markAgentThread();
        try {
            startupTask.run();
        } catch (Throwable t) {
            Diag.info("start-up task failed: " + t);
        }
        identity = Identity.of(config);
        records = new RecordFactory(config, identity);
        notifier = new Notifier(config.notifyWebhook(), identity);
        codes = new CodeUpdates(tracker, identity, notifier);
        while (!stopping || queue.size() > 0 || !pending.isEmpty() || codeWritesPending > 0) {
            try {
                if (!cycle() && !stopping) {
                    LockSupport.parkNanos(Math.min(IDLE_SLICE_NANOS, config.flushInterval().toNanos()));
                }
            } catch (Throwable t) {
                // The writer must outlive anything a single cycle throws.
                Diag.info("writer cycle failed: " + t);
                LockSupport.parkNanos(IDLE_SLICE_NANOS);
            }
            if (stopping && health.mongoState() == Health.MongoState.UNREACHABLE) {
                break;
            }
        }
        finish();
    }

    /** One round of work; false when there was nothing to do. */
    private boolean cycle() {
        long now = System.nanoTime();
        boolean worked = fill(now);
        if (store == null) {
            if (now < nextAttemptAt && !stopping) {
                return worked;
            }
            connect();
        }
        if (store != null && !pending.isEmpty() && (now >= nextAttemptAt || stopping)
                && (pending.size() >= config.batchSize() || now - firstPendingAt >= config.flushInterval().toNanos() || stopping)) {
            write();
            worked = true;
        }
        if (store != null && pending.isEmpty() && (now >= nextCodeFlushAt || stopping) && (now >= nextAttemptAt || stopping)) {
            // After the occurrences they belong to; suppressed repeats coalesced per interval.
            worked |= writeCodes();
            nextCodeFlushAt = now + config.flushInterval().toNanos();
        }
        if (store != null) {
            groups.flush(store, now, false);
        }
        if (store != null && now >= nextHealthAt) {
            writeHealth();
            nextHealthAt = now + HEALTH_INTERVAL_NANOS;
        }
        return worked;
    }

    /** Converts queued events until a batch is pending; conversion happens here, off the app threads. */
    private boolean fill(long now) {
        int room = config.batchSize() - pending.size();
        if (room <= 0) {
            return false;
        }
        drained.clear();
        int n = queue.drainTo(drained, room);
        // Counted before converting, so that shutdown never sees these as neither queued nor pending.
        pendingCount = pending.size() + n;
        for (CapturedEvent e : drained) {
            Bridge.resolveCallSite(e);
            Object verdict = decide(e);
            if (verdict == null) {
                continue;
            }
            Decision decision = verdict instanceof Decision ? (Decision) verdict : null;
            boolean record = decision == null || decision.record();
            Document doc = record ? records.build(e) : null;
            if (decision != null) {
                codes.handle(decision, doc == null ? null : doc.getString("message"));
            }
            if (doc == null) {
                if (record) {
                    health.self.incrementAndGet();
                }
                continue;
            }
            if (pending.isEmpty()) {
                firstPendingAt = now;
            }
            pending.add(doc);
        }
        drained.clear();
        pendingCount = pending.size();
        codeWritesPending = codes.pending().size();
        return n > 0;
    }

    /** An event's {@link Decision}, {@link #ORDINARY} for an event without one, or null when nothing is recorded. */
    private Object decide(CapturedEvent e) {
        Object t = e.tracking;
        if (t instanceof CodeFields) {
            // Screened before the stored episodes were loaded: decided here, in queue order.
            t = tracker.decide((CodeFields) t, e.severity >= config.captureLevel());
            if (t == ErrorCodeTracker.SUPPRESSED) {
                health.suppressed.incrementAndGet();
                return null;
            }
            if (t == null) {
                return e.severity >= config.captureLevel() ? ORDINARY : null;
            }
        }
        return t instanceof Decision ? t : ORDINARY;
    }

    private void connect() {
        try {
            store = new MongoStore(config.mongoUri(), config.mongoDatabase(), health);
            store.ensureIndexes(config.retention());
            if (!restored) {
                tracker.restored(codes.restore(store.collection(Collections.ERROR_CODES)));
                restored = true;
            }
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
                store = null;
            }
            failed(e);
        }
        if (!tracker.ready()) {
            // MongoDB is away: decide from memory now; stored episodes are merged in on reconnect.
            tracker.restored(java.util.Collections.<dev.faultline.codes.Episode>emptyList());
        }
    }

    /** Sends the pending error_codes writes; true when there were any. */
    private boolean writeCodes() {
        codes.collectSuppressed();
        if (codes.pending().isEmpty()) {
            return false;
        }
        try {
            store.collection(Collections.ERROR_CODES).bulkWrite(codes.pending(), new BulkWriteOptions().ordered(true));
            codes.pending().clear();
            codeWritesPending = 0;
        } catch (RuntimeException e) {
            failed(e);
        }
        return true;
    }

    private void write() {
        try {
            store.collection(Collections.APP_ERRORS).insertMany(pending, new InsertManyOptions().ordered(false));
            health.written.addAndGet(pending.size());
            groups.written(pending, null);
            done();
        } catch (MongoBulkWriteException e) {
            // Per document: a duplicate _id is a replay of one already written; any other
            // error will not get better by resending, so it is dropped and counted.
            int duplicates = 0;
            int rejected = 0;
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCode() == DUPLICATE_KEY) {
                    duplicates++;
                } else {
                    rejected++;
                }
            }
            health.written.addAndGet(e.getWriteResult().getInsertedCount() + duplicates);
            groups.written(pending, e);
            if (rejected > 0) {
                health.dropped("rejected", rejected);
                health.writeFailed(e);
                Diag.warnRateLimited("rejected", rejected + " errors rejected by MongoDB: " + e.getWriteErrors().get(0).getMessage());
            }
            done();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void done() {
        health.mongoState(Health.MongoState.CONNECTED);
        pending.clear();
        pendingCount = 0;
        backoff = FIRST_BACKOFF_NANOS;
        nextAttemptAt = 0;
    }

    private void failed(RuntimeException e) {
        health.writeFailed(e);
        health.mongoState(Health.MongoState.UNREACHABLE);
        Diag.warnRateLimited("write", "cannot write to MongoDB at " + dev.faultline.config.MongoUris.redact(config.mongoUri())
                + " (" + e.getClass().getSimpleName() + "); retrying with backoff, the application is not affected");
        nextAttemptAt = System.nanoTime() + backoff;
        backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
    }

    private void writeHealth() {
        try {
            Document doc = health.toDocument(queue.size() + pendingCount)
                    .append("active_codes", tracker.size())
                    .append("notices_sent", notifier.sent.get())
                    .append("notices_failed", notifier.failed.get());
            identity.appendTo(doc);
            store.collection(Collections.AGENT_HEALTH).replaceOne(new Document("_id", health.id()), doc,
                    new ReplaceOptions().upsert(true));
        } catch (RuntimeException e) {
            health.writeFailed(e);
        }
    }

    private void finish() {
        if (store != null) {
            if (health.mongoState() != Health.MongoState.UNREACHABLE) {
                writeCodes();
                groups.flush(store, System.nanoTime(), true);
                // The last health report counts the notices of the last events too.
                notifier.awaitSent(shutdownDeadline);
                writeHealth();
            }
            try {
                store.close();
            } catch (RuntimeException e) {
                // closing at exit: nothing left to do about it
            }
        }
    }

    /**
     * For the JVM shutdown hook: stops intake, lets the writer flush within {@code
     * shutdown.timeout}, and does not wait at all while MongoDB is known to be unreachable or
     * when there is nothing to write and no connection yet. What cannot be written is counted.
     */
    public void shutdown() {
        Bridge.uninstall();
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        shutdownDeadline = deadline;
        stopping = true;
        LockSupport.unpark(thread);
        try {
            while (thread.isAlive() && System.nanoTime() < deadline) {
                Health.MongoState state = health.mongoState();
                boolean nothingToWrite = queue.size() == 0 && pendingCount == 0 && codeWritesPending == 0
                        && !tracker.hasUnwritten();
                if (state == Health.MongoState.UNREACHABLE || (nothingToWrite && state != Health.MongoState.CONNECTED)) {
                    break;
                }
                thread.join(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Notifier n = notifier;
        if (n != null) {
            n.awaitSent(deadline);
        }
        long lost = thread.isAlive() ? queue.size() + pendingCount : 0;
        if (lost > 0) {
            health.dropped(Health.SHUTDOWN, lost);
            Diag.info(lost + " error(s) not written at shutdown: MongoDB " + health.mongoState().name().toLowerCase()
                    + " at " + dev.faultline.config.MongoUris.redact(config.mongoUri()));
        }
    }
}
