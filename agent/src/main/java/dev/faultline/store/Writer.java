package dev.faultline.store;

import dev.faultline.alert.Alerts;
import dev.faultline.alert.GroupChange;
import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.capture.Occurrence;
import dev.faultline.codes.CodeUpdates;
import dev.faultline.codes.ErrorCodeTracker;
import dev.faultline.config.Config;
import dev.faultline.config.MongoUris;
import dev.faultline.core.Diag;
import dev.faultline.intake.EventQueue;
import dev.faultline.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bson.Document;

/**
 * The agent's one thread ({@code faultline-writer}): drains the queue through the
 * {@link Pipeline}, and writes the results in batches, retrying with backoff while MongoDB is
 * away; refreshes {@code agent_health}; flushes within {@code shutdown.timeout} at exit. The
 * application never waits for it and never wakes it: it polls the queue in short slices.
 *
 * <p>The stored error-code episodes are loaded at the first connection, before any event is
 * processed, so that the pipeline settles the decisions made before they were known.
 */
public final class Writer implements Runnable {
    private static final long IDLE_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long HEALTH_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** agent_health is rewritten when its counts change, at most this often. */
    private static final long HEALTH_CHANGE_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** What the writer needs made on its own thread (host name, random ids: slow for premain). */
    public interface Parts {
        /** Called once, first thing on the writer thread. */
        void start();

        Pipeline pipeline();

        CodeUpdates codes();

        /** Alerts about groups, fed with each group write's answer. */
        Alerts alerts();

        /** Adds the identity fields to an {@code agent_health} document, and any counts of other parts. */
        void describe(Document health);

        /** Waits until notices in flight are sent or {@code deadline} ({@code System.nanoTime()}) passes. */
        void awaitNotices(long deadline);
    }

    private final Config config;
    private final EventQueue queue;
    private final Health health;
    private final ErrorCodeTracker tracker;
    private final Parts parts;
    /** Null until the writer thread starts: MongoStore pulls in the driver's classes, too slow for premain. */
    private Database.Opener opener;
    private final Thread thread;
    private final GroupWriter groups;
    private final Merges merges = new Merges();
    private final Backoff backoff = new Backoff(FIRST_BACKOFF_NANOS, MAX_BACKOFF_NANOS);
    private final List<CapturedEvent> drained = new ArrayList<CapturedEvent>();
    private final Batch batch;
    private volatile boolean stopping;
    /** When the shutdown hook stops waiting (System.nanoTime()); set with {@link #stopping}. */
    private volatile long shutdownDeadline;
    /** When the writer stops flushing at exit, keeping the rest of the timeout for the last report. */
    private volatile long flushDeadline;
    /** Set by whichever of the writer and the shutdown hook counts what was not written at exit. */
    private final java.util.concurrent.atomic.AtomicBoolean exitLossCounted = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile int pendingCount;
    /** error_codes writes waiting (new, re-alert, clear): shutdown waits for these too. */
    private volatile int codeWritesPending;

    private Pipeline pipeline;
    private CodeUpdates codes;
    private long nextCodeFlushAt;
    /** Whether the stored episodes were read (at the first connection that worked). */
    private boolean storedCodesLoaded;
    private Database db;
    private long nextHealthAt;
    /**
     * How long the last cycle's work took, connecting and idling aside: at exit, no cycle starts
     * that would end past {@link #flushDeadline}.
     */
    private long lastWorkNanos;
    private long healthChangeAt;
    /** The counts of the last agent_health written, to see a change. */
    private long lastHealthSignature = -1;

    public Writer(Config config, EventQueue queue, Health health, ErrorCodeTracker tracker, Parts parts) {
        this(config, queue, health, tracker, parts, null);
    }

    Writer(Config config, EventQueue queue, Health health, ErrorCodeTracker tracker, Parts parts, Database.Opener opener) {
        this.config = config;
        this.queue = queue;
        this.health = health;
        this.tracker = tracker;
        this.parts = parts;
        this.opener = opener;
        this.groups = new GroupWriter(health);
        this.batch = new Batch(config.batchSize(), config.flushInterval().toNanos());
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
            parts.start();
        } catch (Throwable t) {
            Diag.info("start-up task failed: " + t);
        }
        pipeline = parts.pipeline();
        codes = parts.codes();
        if (opener == null) {
            opener = MongoStore.opener(config.mongoUri(), config.mongoDatabase());
        }
        while (!stopping || queue.size() > 0 || !batch.isEmpty() || codeWritesPending > 0) {
            try {
                if (!cycle() && !stopping) {
                    LockSupport.parkNanos(Math.min(IDLE_SLICE_NANOS, config.flushInterval().toNanos()));
                }
            } catch (Throwable t) {
                // The writer must outlive anything a single cycle throws.
                Diag.info("writer cycle failed: " + t);
                LockSupport.parkNanos(IDLE_SLICE_NANOS);
            }
            if (stopping && (health.mongoState() == Health.MongoState.UNREACHABLE
                    || System.nanoTime() + lastWorkNanos - flushDeadline >= 0)) {
                break;
            }
        }
        finish();
    }

    /** One round of work; false when there was nothing to do. */
    private boolean cycle() {
        long now = System.nanoTime();
        boolean canTry = backoff.due(now) || stopping;
        if (db == null && canTry) {
            connect();
        }
        long workStart = System.nanoTime();
        boolean worked = tracker.ready() && fill(now);
        if (db == null) {
            return worked;
        }
        if (canTry && batch.due(now, stopping)) {
            write();
            worked = true;
        }
        if (batch.isEmpty() && (now >= nextCodeFlushAt || stopping) && canTry) {
            // After the occurrences they belong to; suppressed repeats coalesced per interval.
            worked |= writeCodes();
            nextCodeFlushAt = now + config.flushInterval().toNanos();
        }
        alert(groups.flush(db, now, false), now);
        try {
            merges.refresh(db, now, false);
        } catch (RuntimeException e) {
            failed(e);
        }
        long signature = health.captured() + health.written() + health.droppedTotal() + health.suppressed.get();
        if (now >= nextHealthAt || (signature != lastHealthSignature && now >= healthChangeAt)) {
            // At the first connection, then on change (at most once a second), else every 10 s.
            writeHealth();
            lastHealthSignature = signature;
            nextHealthAt = now + HEALTH_INTERVAL_NANOS;
            healthChangeAt = now + HEALTH_CHANGE_NANOS;
        }
        lastWorkNanos = System.nanoTime() - workStart;
        return worked;
    }

    /** Runs queued events through the pipeline until a batch is pending. */
    private boolean fill(long now) {
        int room = batch.room();
        if (room <= 0) {
            return false;
        }
        drained.clear();
        int n = queue.drainTo(drained, room);
        // Counted before converting, so that shutdown never sees these as neither queued nor pending.
        pendingCount = batch.count() + n;
        for (CapturedEvent e : drained) {
            Occurrence o = pipeline.process(e);
            switch (pipeline.outcome()) {
                case RECORD:
                    batch.add(merges.apply(o), now);
                    break;
                case SUPPRESSED:
                    health.suppressed.incrementAndGet();
                    health.suppressedAfterCapture.incrementAndGet();
                    break;
                case OWN:
                    health.self.incrementAndGet();
                    break;
                default:
                    health.notRecorded.incrementAndGet();
                    break;
            }
        }
        drained.clear();
        pendingCount = batch.count();
        codeWritesPending = codes.pending().size();
        return n > 0;
    }

    /** Opens MongoDB and, the first time, loads the stored episodes; without MongoDB, decisions go on from memory. */
    private void connect() {
        Database opened = null;
        try {
            opened = opener.open(health);
            opened.ensureIndexes(config.retention());
            if (!storedCodesLoaded) {
                tracker.loaded(codes.episodes(opened.codes(codes.storedFilter())));
                storedCodesLoaded = true;
            }
            merges.refresh(opened, System.nanoTime(), true);
            db = opened;
        } catch (RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            failed(e);
        }
        if (!tracker.ready()) {
            // MongoDB is away: repeats are still known in memory; stored episodes load on reconnect.
            tracker.loaded(java.util.Collections.<dev.faultline.codes.Episode>emptyList());
        }
    }

    /** Sends the pending error_codes writes; true when there were any. */
    private boolean writeCodes() {
        codes.collectSuppressed();
        if (codes.pending().isEmpty()) {
            return false;
        }
        try {
            db.writeCodes(codes.pending());
            codes.pending().clear();
            codeWritesPending = 0;
        } catch (RuntimeException e) {
            failed(e);
        }
        return true;
    }

    private void write() {
        try {
            Database.Inserted answer = db.insertOccurrences(batch.documents());
            health.written.addAndGet(answer.stored);
            groups.written(batch.occurrences(), answer.rejected);
            if (!answer.rejected.isEmpty()) {
                health.dropped(Health.REJECTED, answer.rejected.size());
                health.writeFailed(answer.firstError);
                Diag.warnRateLimited(Health.REJECTED, answer.rejected.size() + " errors rejected by MongoDB: " + answer.firstError);
            }
            health.mongoState(Health.MongoState.CONNECTED);
            batch.clear();
            pendingCount = 0;
            backoff.succeeded();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        health.writeFailed(e);
        health.mongoState(Health.MongoState.UNREACHABLE);
        Diag.warnRateLimited("write", "cannot write to MongoDB at " + MongoUris.redact(config.mongoUri())
                + " (" + e.getClass().getSimpleName() + "); retrying with backoff, the application is not affected");
        backoff.failed(System.nanoTime());
    }

    /** Hands the group write's answers to the alerts and stores the notices sent since the last cycle. */
    private void alert(List<GroupChange> changes, long now) {
        Alerts alerts = parts.alerts();
        try {
            alerts.changed(changes, db, now);
            alerts.store(db);
        } catch (RuntimeException e) {
            health.writeFailed(e);
        }
    }

    private void writeHealth() {
        try {
            Document doc = health.toDocument(queue.size() + pendingCount, queue.bytes()).append("active_codes", tracker.size());
            parts.describe(doc);
            db.writeHealth(doc);
        } catch (RuntimeException e) {
            health.writeFailed(e);
        }
    }

    private void finish() {
        long left = queue.size() + batch.count();
        if (left > 0) {
            countExitLoss(left);
            // Counted as dropped: no longer waiting, so the last report does not count them twice.
            drained.clear();
            queue.drainTo(drained, Integer.MAX_VALUE);
            drained.clear();
            batch.clear();
            pendingCount = 0;
        }
        if (db != null) {
            if (health.mongoState() != Health.MongoState.UNREACHABLE) {
                writeCodes();
                alert(groups.flush(db, System.nanoTime(), true), System.nanoTime());
                parts.alerts().exiting();
                // The last health report counts the notices of the last events too.
                parts.awaitNotices(shutdownDeadline);
                alert(java.util.Collections.<GroupChange>emptyList(), System.nanoTime());
                writeHealth();
            }
            try {
                db.close();
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
        long timeout = config.shutdownTimeout().toNanos();
        long deadline = System.nanoTime() + timeout;
        shutdownDeadline = deadline;
        // Kept for the last agent_health report, which carries the loss: a third of the timeout, at most 1 s.
        flushDeadline = deadline - Math.min(timeout / 3, TimeUnit.SECONDS.toNanos(1));
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
        parts.awaitNotices(deadline);
        if (thread.isAlive()) {
            // The writer is stuck in a call to MongoDB: counted here, reported by nobody but stderr.
            countExitLoss(queue.size() + pendingCount);
        }
    }

    /** Counts, once, the events not written at exit. */
    private void countExitLoss(long lost) {
        if (lost > 0 && exitLossCounted.compareAndSet(false, true)) {
            health.dropped(Health.SHUTDOWN, lost);
            Diag.info(lost + " error(s) not written at shutdown: MongoDB " + health.mongoState().name().toLowerCase()
                    + " at " + MongoUris.redact(config.mongoUri()));
        }
    }
}
