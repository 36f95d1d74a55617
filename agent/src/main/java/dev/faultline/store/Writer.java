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
import dev.faultline.intake.StormShed;
import dev.faultline.pipeline.Pipeline;
import dev.faultline.store.spool.LeftSpools;
import dev.faultline.store.spool.OwnSpool;
import dev.faultline.store.spool.SpoolRecord;
import dev.faultline.store.spool.SpoolTarget;
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
 * <p>Every batch is appended to this JVM's spool before it is sent ({@link OwnSpool}, a
 * write-ahead log) and cut off again once MongoDB stored it. While MongoDB does not answer (the
 * driver's heartbeat says so: the writer then makes no call that would wait), batches stay in the
 * spool, which is replayed in order when MongoDB answers again; at exit what was not written
 * stays there for the next start of the service ({@link LeftReplay}) or the {@code replay}
 * command. OPERATIONS.md describes the policy.
 *
 * <p>The stored error-code episodes, merges and grouping rules are read at the first connection,
 * before any event is processed, so that the pipeline settles the decisions made before they
 * were known; until then events are held, with a provisional record of each in the spool
 * ({@link #spoolEarly}). While a call to MongoDB is slow to answer, what arrives is spooled too
 * once it has waited a flush interval ({@link #spoolWhileWaiting}); the backlog is read back and
 * sent on the insert's thread like a batch ({@link #replayBacklog}). OPERATIONS.md ("kill -9")
 * gives the bound.
 */
public final class Writer implements Runnable {
    private static final long IDLE_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MIN_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** error_codes writes held in memory while MongoDB does not answer, before they go to the spool. */
    static final int MAX_CODE_WRITES = 1000;
    /** Events converted per cycle at exit, between checks of the flush deadline (about 50 ms of work at most). */
    private static final int EXIT_CHUNK = 256;
    /**
     * How long the MongoDB client (about 700 driver classes and a connection) waits at start for
     * the application to capture something: it then does not compete for the CPU with the
     * application's own start-up (BENCHMARKS.md, Start-up of real applications).
     */
    private static final long QUIET_START_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** Longer while the application still loads classes at start-up pace ({@link Parts#applicationStarting}), to this at most. */
    private static final long QUIET_START_MAX_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final long HEALTH_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** agent_health is rewritten when its counts change, at most this often. */
    private static final long HEALTH_CHANGE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** At exit, kept after the last calls to MongoDB to spool what they did not take. */
    private static final long LAST_SPOOL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** {@code capture_error} of a record the exit made without the application's code, the writer held up in it. */
    static final String HELD_UP_AT_EXIT = "not formatted: the agent's writer was held up at exit";
    /** At most this many records are made so ({@link #spoolWithoutApplicationCode}). */
    static final int MAX_HELD_UP_RECORDS = 1000;
    /**
     * The spool's BSON kept for one batch's insert, in bytes: 4 MiB, or a 64th of the heap when
     * that is less (1 MiB in a 64 MiB heap). Two batches' at most: the one in flight and the one
     * held behind it ({@link InsertInFlight}).
     */
    private static final long KEPT_BSON_BYTES = Math.min(4L << 20, Runtime.getRuntime().maxMemory() / 64);
    /** The bytes of events held before the stored state is known ({@link #spoolEarly}): 4 MiB, or a 64th of the heap when less. */
    private static final long EARLY_BYTES = Math.min(4L << 20, Runtime.getRuntime().maxMemory() / 64);
    /**
     * An occurrence's spool payload before its document: occurrences are encoded in their frame
     * ({@link #spoolRecords}). In a holder: {@code SpoolRecord}'s static set-up loads the BSON codec
     * registry, which premain (where this class is loaded) must not.
     */
    private static final class OccurrenceHead {
        static final byte[] BYTES = SpoolRecord.head(Collections.APP_ERRORS);
    }
    /** How often the spool directory is looked at for files of runs that are gone. */
    private static final long LEFT_SCAN_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** How long the driver's first answer (or failure) is waited for before a call is tried anyway. */
    private static final long FIRST_ANSWER_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** What the writer needs made on its own thread (host name, random ids: slow for premain). */
    public interface Parts {
        /** Called once, first thing on the writer thread; the other parts may be made later, at their first use. */
        void start();

        /** True while the application is still starting (loading classes at a rate): the MongoDB client's start waits for it. */
        default boolean applicationStarting() {
            return false;
        }

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
    private final Storms storms;
    private final Merges merges = new Merges();
    private StoredGroupingRules groupingRules;
    private final VersionMigrations migrations = new VersionMigrations();
    private final Backoff backoff = new Backoff(FIRST_BACKOFF_NANOS, MAX_BACKOFF_NANOS);
    private final TakenEvents taken = new TakenEvents();
    /**
     * Events taken out of the queue that a batch {@link Batch#full full} by its bytes left for the
     * next one: the first taken by the next {@link #fill}.
     */
    private final List<CapturedEvent> carried = new ArrayList<CapturedEvent>();
    /** The index in {@link #taken} of the event {@link #fill} is handling; -1 between fills. */
    private int handling = -1;
    /**
     * Events {@link #fill} began to handle, ever: the exit tells a writer held up in one event (the
     * application's {@code toString()}) from one busy converting many by whether it moves.
     */
    private volatile long begun;
    private final Batch batch;
    /** The writer's calls to MongoDB, waited for without bound until the exit sets one. */
    private final BoundedCalls calls = new BoundedCalls();
    /** The batch whose insert is under way on its own thread while the writer converts the next. */
    private final InsertInFlight inFlight = new InsertInFlight(calls);
    private final OwnSpool spool;
    private final Replay replay;
    private final LeftReplay left;
    /** Set while the driver's heartbeat says MongoDB does not answer; cleared (and the backoff with it) when it answers again. */
    private boolean heartbeatFailed;
    /** Makes the client on its own thread; null until the first attempt. */
    private ClientStart clientStart;
    /** The client opened at the first attempt, kept across failures so that its heartbeat says when MongoDB is back. */
    private Database client;
    /** The same client, its calls made directly: the insert runs on its own thread already. */
    private Database direct;
    private long openedAt;
    private long nextScanAt;
    /** At exit, MongoDB is sent to until then and the rest spooled (System.nanoTime()). */
    private volatile long sendUntil;
    private volatile boolean stopping;
    /**
     * Set at exit, before {@link #stopping}, when this run has nothing of its own to write (no
     * connection, nothing captured): the writer then makes the client only to store the files
     * earlier runs left for its database, if any and MongoDB takes a connection (see {@link #run}).
     */
    private volatile boolean exitForLeftFiles;
    /** Set while {@link #spoolWhileWaiting} runs (writer thread). */
    private boolean convertingWhileWaiting;
    /** The events taken before the stored state was known ({@link #spoolEarly}), their bytes, and where their provisional records end in the spool. */
    private final List<CapturedEvent> early = new ArrayList<CapturedEvent>();
    private long earlyBytes;
    private long earlyEnd = -1;
    /** Since when {@link #early} is full with more waiting in the queue (System.nanoTime()), or -1. */
    private long earlyFullSince = -1;
    /** How many of {@link #early} have their provisional record in the spool (read by the shutdown hook). */
    private volatile int earlySpooled;
    /** When the shutdown hook stops waiting (System.nanoTime()); set with {@link #stopping}. */
    private volatile long shutdownDeadline;
    /** When the writer stops flushing at exit, keeping the rest of the timeout for the last report. */
    private volatile long flushDeadline;
    /** Set by whichever of the writer and the shutdown hook counts what was not written at exit. */
    private final java.util.concurrent.atomic.AtomicBoolean exitLossCounted = new java.util.concurrent.atomic.AtomicBoolean();
    /** Events {@link #countExitLoss} counted (the rest of {@code dropped.shutdown} is storm counts lost with them). */
    private final java.util.concurrent.atomic.AtomicLong exitLostEvents = new java.util.concurrent.atomic.AtomicLong();
    private volatile int pendingCount;
    /** error_codes writes waiting (new, re-alert, clear): shutdown waits for these too. */
    private volatile int codeWritesPending;

    private Pipeline pipeline;
    /** Set on the writer thread; read by the shutdown hook when the writer is stuck. */
    private volatile CodeUpdates codes;
    /** When this source's stored episodes are read again ({@link CodeUpdates#refreshed}), {@link System#nanoTime()}. */
    private long nextEpisodesAt;
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
    /** Whether the last agent_health report reached MongoDB (not only the spool). */
    private boolean lastReportStored = true;

    public Writer(Config config, EventQueue queue, Health health, ErrorCodeTracker tracker, Parts parts) {
        this(config, queue, health, tracker, parts, null, null);
    }

    /** @param shed the application threads' storm table ({@code intake.Gate}'s), whose counts this writer takes */
    public Writer(Config config, EventQueue queue, Health health, ErrorCodeTracker tracker, Parts parts, StormShed shed) {
        this(config, queue, health, tracker, parts, null, shed);
    }

    Writer(Config config, EventQueue queue, Health health, ErrorCodeTracker tracker, Parts parts, Database.Opener opener) {
        this(config, queue, health, tracker, parts, opener, null);
    }

    Writer(Config config, EventQueue queue, Health health, ErrorCodeTracker tracker, Parts parts, Database.Opener opener,
            StormShed shed) {
        this.config = config;
        this.queue = queue;
        this.health = health;
        this.tracker = tracker;
        this.parts = parts;
        this.opener = opener;
        this.groups = new GroupWriter(health, config.flushInterval().toNanos());
        this.storms = new Storms(config.stormKeepPerWindow(), config.stormWindow().toMillis(), health, groups, shed);
        this.batch = new Batch(config.batchSize(), config.flushInterval().toNanos(), config.queueMaxBytes() / 4);
        SpoolTarget target = SpoolTarget.of(config.mongoUri(), config.mongoDatabase());
        this.spool = new OwnSpool(config.spoolDir(), config.spoolRoot(), target, config.spoolMaxSize());
        this.replay = new Replay(health, groups);
        replay.notifyLeft();
        this.left = new LeftReplay(config.spoolDir(), replay, health, target);
        this.thread = dev.faultline.core.AgentThreads.daemon(this, "faultline-writer");
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
        if (opener == null) {
            // The real client: its classes load once the application captured something or has
            // had QUIET_START_NANOS to start (up to QUIET_START_MAX_NANOS while it still loads
            // classes). A spool an earlier run left waits too: any run that ended while MongoDB
            // was away leaves one, its records are old already, and replaying it at once made the
            // client during every restart after an outage (a fake database in tests has nothing to load).
            long quietUntil = System.nanoTime() + QUIET_START_NANOS;
            long quietAtMost = System.nanoTime() + QUIET_START_MAX_NANOS;
            while (!stopping && queue.size() == 0 && (System.nanoTime() - quietUntil < 0
                    || parts.applicationStarting() && System.nanoTime() - quietAtMost < 0)) {
                LockSupport.parkNanos(IDLE_SLICE_NANOS);
            }
        }
        if (stopping) {
            // The run ended within its quiet start: the files earlier runs left are stored now,
            // within shutdown.timeout, or a service of short runs would never store them.
            left.scan(spool.file());
            if (exitForLeftFiles && !(left.pending() && (opener != null || Reachable.anyHost(config.mongoUri())))) {
                // Nothing of its own to write, and no file for its database or MongoDB is away: no
                // client is made; the files wait for a later run, and an outage does not slow
                // every short run's exit (shutdown has not waited for this thread).
                spool.close();
                return;
            }
        }
        if (opener == null) {
            opener = MongoStore.opener(config.mongoUri(), config.mongoDatabase());
        }
        // After the quiet start too: the record's parts are made at their first use (WriterParts).
        if (!makeParts()) {
            // Out of heap until the exit: what waits is counted, nothing else can be done.
            health.dropped(Health.OUT_OF_MEMORY, queue.size());
            spool.close();
            return;
        }
        calls.meanwhile(this::whileWaiting);
        while (!stopping || queue.size() > 0 || !early.isEmpty() || !carried.isEmpty() || !batch.isEmpty() || inFlight.active()
                || (codeWritesPending > 0 || spool.hasBacklog()) && db != null && mayCallMongo(System.nanoTime())
                || left.pending() && mayCallMongo(System.nanoTime())) {
            try {
                if (!cycle() && !stopping) {
                    // Awake again when the batch is due, not up to a slice later.
                    long slice = Math.min(IDLE_SLICE_NANOS, config.flushInterval().toNanos());
                    LockSupport.parkNanos(Math.max(MIN_PARK_NANOS, Math.min(slice, batch.dueIn(System.nanoTime()))));
                }
            } catch (Throwable t) {
                // The writer must outlive anything a single cycle throws.
                failedCycle(t);
            }
            long now = System.nanoTime();
            // Past sendUntil no cycle calls MongoDB, so none takes long: spooling goes on to the end.
            long nextCycle = now - sendUntil < 0 ? lastWorkNanos : 0;
            if (stopping && now + nextCycle - flushDeadline >= 0) {
                break;
            }
        }
        // The batch in flight is waited for as a call made on this thread would be; one held behind it stays in the spool.
        settleInFlight(false);
        finish();
    }

    /**
     * Makes the record's parts; out of heap (a small heap at its edge: a user's trial, where the
     * writer's thread died there and nothing was stored or reported for the rest of the run),
     * tries again a second later. False only when the exit comes first.
     */
    private boolean makeParts() {
        while (true) {
            try {
                pipeline = parts.pipeline();
                groupingRules = new StoredGroupingRules(pipeline.groupingRules());
                codes = parts.codes();
                return true;
            } catch (OutOfMemoryError e) {
                pipeline = null;
                if (stopping) {
                    return false;
                }
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    /**
     * A cycle threw (found: an {@link OutOfMemoryError} in a small heap, from a record the
     * application's large values made): the event being handled is counted as dropped for it
     * ({@code writer_failed}, or {@code out_of_memory}), the ones taken after it wait for the next
     * cycle, so none is forgotten uncounted. Out of memory, the batch waiting (not in the spool
     * yet) is let go too, counted the same way, and the writer pauses a second, so that the
     * application gets the memory back. Allocates as little as it can: one stderr line, itself
     * given up when it cannot be made.
     */
    private void failedCycle(Throwable t) {
        boolean memory = t instanceof OutOfMemoryError;
        String reason = memory ? Health.OUT_OF_MEMORY : Health.WRITER_FAILED;
        int at = handling;
        handling = -1;
        if (at >= 0 && at < taken.size()) {
            health.dropped(reason, 1);
            carried.addAll(0, taken.filling().subList(at + 1, taken.keep(at)));
        }
        taken.clear();
        if (memory) {
            health.dropped(reason, batch.count());
            batch.clear();
        }
        pendingCount = inFlight.unspooled() + batch.count() + carried.size();
        try {
            Diag.warnRateLimited(reason, "writer cycle failed (" + t + "); the error(s) it held are counted in agent_health.dropped."
                    + reason + ", the application is not affected");
        } catch (Throwable again) {
            // no memory for the line either: the count stands
        }
        LockSupport.parkNanos(memory ? TimeUnit.SECONDS.toNanos(1) : IDLE_SLICE_NANOS);
    }

    /**
     * What the writer does between the slices of a wait for a call to MongoDB that has lasted
     * {@code waitedNanos}: before the stored state is known, spools the events early ({@link
     * #spoolEarly}); after, once the call (or the cycle's calls together) has lasted one {@code
     * flush.interval}, {@link #spoolWhileWaiting} (a batch converted while waiting is spooled, not
     * sent, and read back after the call), so that a kill -9 meanwhile loses no more than at any
     * other time, and the queue does not fill while a cycle writes thousands of new groups.
     */
    private void whileWaiting(long waitedNanos) {
        if (Thread.currentThread() != thread || stopping) {
            return;
        }
        if (!tracker.ready()) {
            spoolBeforeReady();
        } else if (waitedNanos >= config.flushInterval().toNanos()) {
            spoolWhileWaiting();
        }
    }

    /**
     * Before the stored grouping rules, merges and error-code episodes are read (MongoDB's first
     * answer: they decide an event's fingerprint, group and suppression, so events are processed
     * only after), the events are taken out of the queue, held, and a provisional record of each
     * is spooled ({@link Pipeline#provisional}: no breadcrumbs, the built-in grouping, no code
     * decision), so that a kill -9 meanwhile loses none: the next start stores those records as
     * they are. Once the state is known, the provisional records are cut off the spool and the
     * held events processed as any other ({@link #fill}). At most {@code batch.size} events or
     * {@link #EARLY_BYTES} of them are held; past that, {@link #spoolBeforeReady} stops waiting
     * for the stored state.
     */
    private boolean spoolEarly() {
        int room = Math.min(config.batchSize() - early.size(), EXIT_CHUNK);
        if (earlyFull() || pipeline == null) {
            return false;
        }
        List<CapturedEvent> taken = new ArrayList<CapturedEvent>();
        // Counted before they leave the queue, so that shutdown never sees them as neither queued nor pending.
        pendingCount = early.size() - earlySpooled + room;
        if (queue.drainTo(taken, room) == 0) {
            pendingCount = early.size() - earlySpooled;
            return false;
        }
        for (CapturedEvent e : taken) {
            earlyBytes += e.queueBytes;
        }
        early.addAll(taken);
        // What was taken, not the room: building a provisional record runs the application's
        // toString() and getMessage(), and an exit that finds the writer still there counts this.
        pendingCount = early.size() - earlySpooled;
        // Only while nothing else is in the spool after the provisional records: they must be cut off whole.
        if (spool.end() == (earlyEnd < 0 ? spool.settled() : earlyEnd)) {
            List<Occurrence> records = new ArrayList<Occurrence>(taken.size());
            for (CapturedEvent e : taken) {
                Occurrence o = pipeline.provisional(e);
                if (o != null) {
                    records.add(o);
                }
            }
            int took = spool.append(spoolRecords(records, null));
            earlyEnd = spool.end();
            if (took == records.size()) {
                earlySpooled += taken.size();
            }
        }
        pendingCount = early.size() - earlySpooled;
        return true;
    }

    /**
     * {@link #spoolEarly}; once as many events are held as may be and more have waited in the
     * queue for a flush interval, decides from memory from then on, as while MongoDB is away (the
     * stored episodes are added when MongoDB answers; merges and stored grouping rules apply from
     * then on), so that every event reaches the spool within about a flush interval however long
     * the first answer takes. True when it spooled.
     */
    private boolean spoolBeforeReady() {
        if (spoolEarly()) {
            return true;
        }
        if (queue.size() == 0 || !earlyFull()) {
            earlyFullSince = -1;
        } else if (earlyFullSince < 0) {
            earlyFullSince = System.nanoTime();
        } else if (System.nanoTime() - earlyFullSince >= config.flushInterval().toNanos()) {
            tracker.loadedWithoutStored();
        }
        return false;
    }

    /** Whether {@link #early} holds as many events, or bytes, as it may. */
    private boolean earlyFull() {
        return early.size() >= config.batchSize() || earlyBytes >= EARLY_BYTES;
    }

    /**
     * While the writer waits for a call to MongoDB ({@link BoundedCalls} runs this between the
     * slices of the wait): converts what arrived and appends a batch that is due to the spool,
     * never sending (what the spool does not take stays in the batch, sent after the call), so
     * that a call MongoDB is slow to answer (a group count, a health report, the backlog's replay,
     * up to the driver's read timeout) keeps no more than the batch being filled out of the spool
     * (OPERATIONS.md, kill -9). What it touches tolerates the call under way: group counts go to a
     * count of their own while one is written ({@link GroupWriter}), error-code writes taken for a
     * call are put back before newer ones, and the spool is settled up to what a call stored, not
     * past it. Not before the stored episodes, merges and grouping rules are read or given up on
     * ({@link #spoolBeforeReady}), not at exit (the exit spools what is left itself), never within itself.
     */
    private void spoolWhileWaiting() {
        if (convertingWhileWaiting) {
            return;
        }
        convertingWhileWaiting = true;
        try {
            long now = System.nanoTime();
            fill(now);
            if (batch.due(now, false)) {
                // Spooled, not sent; what the spool does not take stays in the batch, sent after the call.
                List<Occurrence> occurrences = batch.take();
                int took = spool.append(spoolRecords(occurrences, null));
                health.spooled.addAndGet(took);
                batch.restore(occurrences.subList(took, occurrences.size()));
                pendingCount = inFlight.unspooled() + batch.count() + carried.size();
            }
            // So that no count waits in memory longer than the occurrences.
            spoolCounts();
        } finally {
            convertingWhileWaiting = false;
        }
    }

    /** One round of work; false when there was nothing to do. */
    private boolean cycle() {
        // The agent's own thread, stopped by its flag, never by an interrupt: one the application
        // sent every thread would close the spool's channel at its next write (a trial).
        Thread.interrupted();
        // The waits of this cycle's calls add up from here (BoundedCalls.rested): a cycle of many
        // short calls spools what arrives meanwhile as one long call does.
        calls.rested();
        long now = System.nanoTime();
        boolean spooledEarly = !tracker.ready() && spoolBeforeReady();
        if (db == null && (mayCallMongo(now) || !tracker.ready())) {
            // Until the first answer (or its failure) is known, connect() only looks for it.
            connect(now);
        }
        if (!tracker.ready() && stopping && now - sendUntil >= 0) {
            // Exit, and MongoDB has not answered at all: decide from memory and spool.
            tracker.loadedWithoutStored();
        }
        long workStart = System.nanoTime();
        if (inFlight.done()) {
            settleInFlight(true);
        }
        boolean canTry = db != null && mayCallMongo(now);
        // Once the stored state is known, the events held before it are processed first (fill).
        boolean worked = tracker.ready() ? fill(now) : spooledEarly;
        if (batch.due(now, stopping)) {
            flushBatch(canTry);
            worked = true;
        }
        canTry = db != null && mayCallMongo(now);
        if (canTry) {
            // The batch in flight is in the spool too, but it is not a backlog: read back once it is answered.
            // Nor are the provisional records of the events held before the stored state was known.
            // At exit the backlog (on disk already) comes after what is only in memory: a storm's
            // queue is spooled first, so that the backlog's replay never holds up the last report.
            worked |= !inFlight.active() && early.isEmpty() && (!stopping || queue.size() == 0 && batch.isEmpty())
                    && replayBacklog(now);
            if (batch.isEmpty() && !spool.hasBacklog() && (now >= nextCodeFlushAt || stopping)) {
                // After the occurrences they belong to, and after the spooled writes they may
                // update (an episode opened during an outage); suppressed repeats coalesced per interval.
                worked |= writeCodes();
                nextCodeFlushAt = now + config.flushInterval().toNanos();
            }
            alert(groups.flush(db, now, false, parts.alerts()), now);
            try {
                merges.refresh(db, now, false);
                groupingRules.refresh(db, now, false);
                if (!stopping && codes.size() == 0 && !spool.hasBacklog() && now >= nextEpisodesAt) {
                    // What other JVMs of this source did to its episodes (a clear, an opening):
                    // after this JVM's own code writes, spooled ones included, so that the stored
                    // state includes them (a trial's clear during an outage, read before its
                    // spooled writes were applied, joined the next episode to the cleared one).
                    nextEpisodesAt = now + Merges.REFRESH_NANOS;
                    codes.refreshed(db.codes(codes.storedFilter()));
                }
                if (!stopping) {
                    // Not at exit: the exit's time is for the errors, and a merge is several writes
                    // (one cut off is finished by a later writer: Merges, GroupMerges).
                    migrations.run(db, now);
                }
            } catch (RuntimeException e) {
                failed(e);
            }
        } else {
            keepCountsBounded();
        }
        long signature = health.signature();
        // A report that went to the spool is written again as soon as MongoDB may be called: what
        // an outage dropped shows within a second of its end, not at the next 10 s report.
        boolean changed = signature != lastHealthSignature || !lastReportStored && canTry;
        if (tracker.ready() && (now >= nextHealthAt || (changed && now >= healthChangeAt))) {
            // At the first connection, then on change (at most once a second), else every 10 s;
            // while MongoDB is away, changes go to the spool for a later run to write.
            if (canTry || changed) {
                report(canTry);
            }
            lastHealthSignature = signature;
            nextHealthAt = now + HEALTH_INTERVAL_NANOS;
            healthChangeAt = now + HEALTH_CHANGE_NANOS;
        }
        lastWorkNanos = System.nanoTime() - workStart;
        return worked;
    }

    /**
     * Whether a call to MongoDB may be made now: never while the driver's heartbeat says it does
     * not answer (the call would only wait), after a failure only once the backoff allows, and at
     * exit unless it is known to be away.
     */
    private boolean mayCallMongo(long now) {
        Boolean answering = client == null ? null : client.answering();
        if (Boolean.FALSE.equals(answering)) {
            heartbeatFailed = true;
            return false;
        }
        if (heartbeatFailed && Boolean.TRUE.equals(answering)) {
            // The heartbeat answers again: the backoff the outage built up (up to 30 s) is not
            // waited out, the spool is replayed now.
            heartbeatFailed = false;
            backoff.succeeded();
        }
        if (stopping) {
            // Sends while a call would end before sendUntil, then spools the rest (fast, no waiting).
            return now + lastWorkNanos - sendUntil < 0 && !health.mongoState().away();
        }
        return backoff.due(now);
    }

    /** False when MongoDB is known not to answer: its heartbeat failed, or (at exit) the last call did. */
    private boolean mightAnswer() {
        return (client == null || !Boolean.FALSE.equals(client.answering())) && !health.mongoState().away();
    }

    /**
     * The spooled records: first this JVM's own backlog, in order (its occurrences sent on the
     * insert's thread like a batch, so that the writer converts meanwhile and a long backlog does
     * not keep it waiting on its own calls), then the files earlier runs left (at exit too, once
     * nothing else is left, while the exit's sending time lasts). Only when nothing is in flight.
     */
    private boolean replayBacklog(long now) {
        try {
            if (spool.hasBacklog()) {
                // As a batch is bounded: the insert's thread encodes them whole.
                // At most half as many spooled counts as a group keeps ids of (OwnSpool#readBacklog says why).
                List<SpoolRecord> records = spool.readBacklog(config.batchSize(), batch.maxBytes(), SpooledCounts::isCount,
                        dev.faultline.pipeline.AppliedOnce.KEPT / 2);
                Replay.ReadBack read = new Replay.ReadBack(records, null);
                if (read.occurrences.isEmpty() || stopping) {
                    // At exit nothing more is left in flight.
                    alert(replay.own(db, read, records, parts.alerts(), now, r -> spool.append(java.util.Collections.singletonList(r))), now);
                    spool.settleRead();
                    succeeded();
                    return true;
                }
                // Sent as a batch is, the insert on its own thread while the writer converts what
                // arrives; the spooled counts among them applied after its answer, and all of it
                // settled (cut off the spool) then.
                replay.unreadable(read);
                inFlight.send(direct, new InsertInFlight.Sent(read.occurrences, read.encoded(), read.occurrences.size(),
                        spool.readEnd(), read.counts ? records : null));
                return true;
            }
            if (!stopping && now >= nextScanAt) {
                left.scan(spool.file());
                nextScanAt = now + LEFT_SCAN_NANOS;
            }
            boolean more = left.pending() && left.step(db, config.batchSize());
            List<GroupChange> changes = replay.takeLeftChanges();
            if (!changes.isEmpty()) {
                alert(changes, now);
            }
            return more;
        } catch (RuntimeException e) {
            failed(e);
            return true;
        }
    }

    /** Runs queued events through the pipeline until a batch is pending. */
    private boolean fill(long now) {
        // At exit, once nothing more is sent, the queue goes to the spool in large appends, a
        // chunk per cycle so that the flush deadline can stop it (the rest is counted as lost at
        // exit): a storm of 100,000 queued errors takes seconds to convert.
        int room = stopping && now - sendUntil >= 0 ? Math.max(EXIT_CHUNK, batch.room()) : batch.room();
        if (room <= 0) {
            return false;
        }
        taken.clear();
        List<CapturedEvent> taking = taken.filling();
        int n;
        if (!carried.isEmpty()) {
            taking.addAll(carried);
            n = carried.size();
            carried.clear();
        } else if (!early.isEmpty()) {
            // The events held before the stored state was known, first: their provisional records leave the spool.
            if (earlyEnd >= 0) {
                spool.settleTo(earlyEnd);
                earlyEnd = -1;
            }
            taking.addAll(early);
            n = early.size();
            early.clear();
            earlyBytes = 0;
            earlySpooled = 0;
        } else {
            n = queue.drainTo(taking, room);
        }
        taken.open();
        // Counted before converting, so that shutdown never sees these as neither queued nor pending.
        pendingCount = inFlight.unspooled() + batch.count() + n;
        for (int i = taken.take(); i >= 0; i = taken.take()) {
            handling = i;
            begun++;
            if (batch.full()) {
                // Its records may take the batch's bytes: the rest goes into the next one.
                carried.addAll(taking.subList(i, taken.keep(i)));
                break;
            }
            CapturedEvent e = taken.get(i);
            Occurrence o = pipeline.process(e);
            switch (pipeline.outcome()) {
                case RECORD:
                    migrations.note(o);
                    Occurrence merged = merges.apply(o);
                    if (storms.admit(e, merged)) {
                        batch.add(merged, now);
                    }
                    break;
                default:
                    countNotStored(pipeline.outcome());
                    break;
            }
        }
        taken.clear();
        handling = -1;
        storms.sweep(false);
        pendingCount = inFlight.unspooled() + batch.count() + carried.size();
        codeWritesPending = codes.size();
        return n > 0;
    }

    /** Counts an event the pipeline did not make a record of, by why. */
    private void countNotStored(Pipeline.Outcome outcome) {
        switch (outcome) {
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

    /**
     * Opens MongoDB (once: the client's heartbeat goes on through an outage) and, the first time
     * it answers, loads the stored episodes; without MongoDB, decisions go on from memory. Never
     * waits for a first answer: until the heartbeat has one, events wait in the queue.
     */
    private void connect(long now) {
        try {
            if (client == null) {
                // Made on its own thread while this one spools what arrives (ClientStart).
                if (clientStart == null) {
                    warmUp();
                    clientStart = new ClientStart(opener, health);
                }
                direct = clientStart.poll();
                if (direct == null) {
                    return;
                }
                client = calls.around(direct);
                openedAt = now;
            }
            Boolean answering = client.answering();
            if (answering == null && now - openedAt < FIRST_ANSWER_NANOS) {
                return;
            }
            if (Boolean.FALSE.equals(answering)) {
                throw new NotAnswering();
            }
            client.ensureIndexes(config.retention());
            java.util.List<dev.faultline.codes.Episode> stored = storedCodesLoaded ? null
                    : codes.episodes(client.codes(codes.storedFilter()));
            merges.refresh(client, now, true);
            groupingRules.refresh(client, now, true);
            // Ready only once all of the stored state is read: until then events are spooled early.
            if (stored != null) {
                tracker.loaded(stored);
                storedCodesLoaded = true;
                nextEpisodesAt = now + Merges.REFRESH_NANOS;
            }
            db = client;
            // Its indexes made and its stored state read: connected, whether or not anything is written yet.
            succeeded();
            left.scan(spool.file());
            nextScanAt = now + LEFT_SCAN_NANOS;
            // Whether an outage would find the spool writable, said now (agent_health.spool_error),
            // not at the first error a quiet service captures.
            spool.check();
        } catch (RuntimeException e) {
            failed(e);
        }
        if (!tracker.ready() && db == null) {
            // MongoDB is away: repeats are still known in memory; stored episodes load on reconnect.
            tracker.loadedWithoutStored();
        }
    }

    /**
     * Builds and encodes one record of each kind the spool takes, before the client's classes
     * load on {@code faultline-connect}: every class the writer initialises to spool is then
     * initialised already ({@link ClientStart} says why). The record is not kept.
     */
    private void warmUp() {
        try {
            warmUpRecords();
        } catch (RuntimeException | LinkageError e) {
            // The client is made all the same: this only makes the classes' initialisation orderly.
            Diag.debug("warm-up of the record path failed: " + e);
        }
    }

    private void warmUpRecords() {
        CapturedEvent e = new CapturedEvent("faultline", dev.faultline.bootstrap.Severity.ERROR, System.currentTimeMillis(),
                Writer.class.getName(), thread.getName(), "warm-up {}", new Object[] {1}, CapturedEvent.FORMAT_SLF4J,
                new IllegalStateException("warm-up"), java.util.Collections.singletonMap("k", "v"), null, true);
        Occurrence o = pipeline.provisional(e);
        if (o != null) {
            spoolRecords(java.util.Collections.singletonList(o), null).get(0).encode();
        }
        new SpoolRecord(Collections.AGENT_HEALTH, new Document("k", 1L)).encode();
    }

    /** Sends the pending error_codes writes; true when there were any. */
    private boolean writeCodes() {
        codes.collectSuppressed();
        if (codes.size() == 0) {
            return false;
        }
        if (!settleInFlight(true) || inFlight.active()) {
            // Written after the occurrences they belong to: MongoDB just failed (with backoff),
            // or the batch held behind went out now.
            return true;
        }
        try {
            codes.send(stopping ? new CodesAtExit() : db);
        } catch (RuntimeException e) {
            failed(e);
        }
        codeWritesPending = codes.size();
        return true;
    }

    /**
     * The exit's code writes: openings, re-alerts and clears still sent alone for their answers
     * (short jobs opening a code together each sent "New error" when the exit sent them without),
     * the repeats' counts as the spool record they become if a call is given up while MongoDB
     * still applies it, each write applied once (spooled with its id when the call fails, and
     * the exit goes on with the rest).
     */
    private final class CodesAtExit implements dev.faultline.codes.CodeStore {
        @Override
        public void writeCodes(List<com.mongodb.client.model.WriteModel<Document>> writes) {
            SpoolRecord record = SpooledCounts.codes(writes);
            try {
                SpooledCounts.apply(db, java.util.Collections.singletonList(record));
            } catch (RuntimeException e) {
                // Spooled as they are (not put back, which would spool them again under another id).
                spoolCodes(record, writes.size());
                failed(e);
            }
        }

        @Override
        public Document openEpisode(String openKey, org.bson.conversions.Bson update) {
            return db.openEpisode(openKey, update);
        }

        @Override
        public Document updateCode(org.bson.conversions.Bson filter, org.bson.conversions.Bson update) {
            return db.updateCode(filter, update);
        }
    }

    /**
     * Appends the batch to the spool, then sends it when MongoDB may be called and nothing older
     * waits in the spool; the insert runs on its own thread ({@link InsertInFlight}) while the
     * next batch is converted. The next batch is spooled behind the insert under way and held,
     * sent once its answer is taken; the one after waits for that answer, and once it has waited
     * a flush interval what arrives is spooled ({@link #spoolWhileWaiting}), so a call MongoDB is slow to
     * answer keeps little more than the batch being filled out of the spool (OPERATIONS.md, kill -9). Not sent (or not answered), a batch stays in the spool; what the
     * spool could not take and MongoDB did not store is dropped, by reason.
     */
    private void flushBatch(boolean send) {
        // The previous batch's answer first when it is there: this one goes after it. With one
        // held already (the writer converts faster than MongoDB stores), or the spool waiting to
        // be cut back, the answers are waited for; a wait of more than a flush interval spools what
        // arrives meanwhile (spoolWhileWaiting).
        // At exit nothing is held: a batch held when sending stops would be left to the spool's backlog,
        // whose replay at exit would hold up the last writes (and the last report) behind its calls.
        while (inFlight.done() || inFlight.active() && (stopping || !inFlight.canHold() || spool.wantsCut())) {
            if (!settleInFlight(true)) {
                send = false;
                break;
            }
        }
        List<Occurrence> occurrences = batch.take();
        // Sent, or held behind the insert in flight, only when nothing else waits in the spool before it.
        boolean olderWaiting = spool.end() != inFlight.spoolEnd(spool.settled());
        // The spool's BSON of the first records, up to KEPT_BSON_BYTES, is kept for the insert,
        // which then copies it instead of encoding the record again.
        org.bson.RawBsonDocument[] encoded = new org.bson.RawBsonDocument[occurrences.size()];
        int spooledNow = spool.append(spoolRecords(occurrences, encoded));
        health.spooled.addAndGet(spooledNow);
        InsertInFlight.Sent sent = new InsertInFlight.Sent(occurrences, encoded, spooledNow, spool.shortfall(), spool.end());
        if (send && !olderWaiting && (!inFlight.active() || inFlight.canHold())) {
            if (inFlight.active()) {
                inFlight.hold(sent);
            } else {
                inFlight.send(direct, sent);
            }
            pendingCount = inFlight.unspooled() + batch.count() + carried.size();
            return;
        }
        dropUnspooled(sent.unspooled(), sent.shortfall);
        clearBatch();
    }

    /**
     * The spool records of {@code occurrences}, each encoded as it is appended; with {@code
     * encoded}, the BSON of the first ones, up to {@link #KEPT_BSON_BYTES}, is kept there.
     */
    private static List<SpoolRecord> spoolRecords(List<Occurrence> occurrences, org.bson.RawBsonDocument[] encoded) {
        List<SpoolRecord> records = new ArrayList<SpoolRecord>(occurrences.size());
        long[] room = {encoded == null ? 0 : KEPT_BSON_BYTES};
        for (int i = 0; i < occurrences.size(); i++) {
            int at = i;
            Occurrence o = occurrences.get(i);
            records.add(new SpoolRecord(Collections.APP_ERRORS, o.document, () -> {
                org.bson.RawBsonDocument bson = o.toBson(OccurrenceHead.BYTES, 1);
                int size = bson.getByteBuffer().remaining();
                if (size <= room[0]) {
                    room[0] -= size;
                    encoded[at] = bson;
                }
                return bson;
            }));
        }
        return records;
    }

    /**
     * Takes the answer of the batch in flight, waiting for it: stored, it moves from spooled to
     * written and is cut off the spool; failed, it stays in the spool (and what was not there is
     * dropped). The batch held behind it is sent next when it was stored and {@code sendHeld},
     * else left to the spool. True when nothing was in flight or it was stored.
     */
    private boolean settleInFlight(boolean sendHeld) {
        if (!inFlight.active()) {
            return true;
        }
        InsertInFlight.Sent sent = inFlight.sending();
        boolean stored = false;
        boolean answered = false;
        Error error = null;
        try {
            Database.Inserted answer = replay.counted(sent.occurrences, inFlight.await(), sent.backlog);
            answered = true;
            if (sent.backlog) {
                replay.ownBacklog(sent.occurrences, answer);
            }
            if (sent.counts != null) {
                // Failing, the backlog stays as it is: read again, its occurrences are duplicates then, its counts applied once.
                long now = System.nanoTime();
                alert(replay.counts(db, sent.counts, parts.alerts(), now), now);
            }
            health.spooled.addAndGet(-sent.spooled);
            health.written.addAndGet(answer.stored);
            health.dropped(Health.REJECTED, answer.rejected.size());
            spool.settleTo(sent.spoolEnd);
            succeeded();
            stored = true;
        } catch (RuntimeException e) {
            failed(e);
            if (!answered) {
                notStored(sent, sent.shortfall);
            }
            // Else the insert was answered (and its new occurrences counted in their groups) and
            // the backlog's spooled counts after it failed: no answer-lost record (the next start
            // would count them again, 29 over in a storm's exit); read again, they are found
            // stored here (not counted again), their counts applied once.
        } catch (Error e) {
            // The insert's thread failed in the JVM, not in MongoDB (out of memory encoding the
            // batch); the cycle's failure handles the rest.
            error = e;
            notStored(sent, e instanceof OutOfMemoryError ? Health.OUT_OF_MEMORY : Health.WRITER_FAILED);
        }
        InsertInFlight.Sent held = inFlight.takeHeld();
        if (held != null) {
            if (stored && sendHeld && mayCallMongo(System.nanoTime())) {
                inFlight.send(direct, held);
            } else {
                // Its spooled records are now the spool's backlog, read back in order.
                dropUnspooled(held.unspooled(), held.shortfall);
            }
        }
        pendingCount = inFlight.unspooled() + batch.count() + carried.size();
        if (error != null) {
            throw error;
        }
        return stored;
    }

    /**
     * A batch sent and not stored: what the spool did not take is dropped for {@code reason}; its
     * spooled records stay the backlog, with an answer-lost record after them, since MongoDB may
     * have stored them all the same (their replay, finding them stored, counts them then).
     */
    private void notStored(InsertInFlight.Sent sent, String reason) {
        dropUnspooled(sent.unspooled(), reason);
        if (sent.spooled > 0) {
            spool.append(java.util.Collections.singletonList(replay.answerLost(sent.occurrences.subList(0, sent.spooled))));
        }
    }

    /** Counts {@code lost} occurrences MongoDB did not take and the spool could not ({@code shortfall}). */
    private void dropUnspooled(int lost, String shortfall) {
        if (lost > 0) {
            health.dropped(shortfall, lost);
            // The total so far: a line a minute at most, so a count per batch would leave some out.
            Diag.warnRateLimited("dropped " + shortfall, health.dropped(shortfall) + " error(s) dropped so far: MongoDB did not"
                    + " take them and the spool in " + config.spoolDir() + " could not (" + shortfall + ")");
        }
    }

    private void clearBatch() {
        batch.clear();
        pendingCount = inFlight.unspooled() + carried.size();
    }

    private void succeeded() {
        health.mongoState(Health.MongoState.CONNECTED);
        backoff.succeeded();
    }

    private void failed(RuntimeException e) {
        if (e instanceof com.mongodb.MongoInterruptedException) {
            // The application interrupted the agent's thread: MongoDB is not away, the call is tried again.
            Thread.interrupted();
            health.writeFailed(e);
            return;
        }
        if (e instanceof NotAnswering) {
            health.writeFailed(e.getMessage());
        } else {
            health.writeFailed(e);
        }
        if (BoundedCalls.gaveUp(e)) {
            // Not answered by the exit's deadline: slow or silent, not known to be away, so the
            // last writes are still tried (BoundedCalls ends them if the call thread is still taken).
            return;
        }
        boolean credentials = e instanceof com.mongodb.MongoSecurityException;
        health.mongoState(credentials ? Health.MongoState.CREDENTIALS_REFUSED : Health.MongoState.UNREACHABLE);
        // What becomes of the errors meanwhile: the spool's state says (its own warning has said why).
        String meanwhile = OwnSpool.UNWRITABLE.equals(spool.shortfall())
                ? "errors are dropped and counted while the spool cannot be written either"
                : "errors go to the spool and are written when it " + (credentials ? "takes them" : "answers");
        Diag.warnRateLimited("write", "cannot write to MongoDB at " + MongoUris.redact(config.mongoUri())
                + " (" + (credentials ? "it refused the user and password of faultline.mongo.uri; a user name or password with"
                        + " '@', ':', '/' or '%' is written percent-encoded"
                        : e instanceof NotAnswering ? e.getMessage()
                        // The driver refusing an option of the URI (serverSelectionTimeoutMS=abc): its reason, credentials hidden.
                        : e instanceof IllegalArgumentException ? "the driver refused faultline.mongo.uri: " + MongoUris.driverRefusal(String.valueOf(e.getMessage()))
                        : e.getClass().getSimpleName())
                + "); " + meanwhile + ", the application is not affected");
        backoff.failed(System.nanoTime());
    }

    /** The driver's heartbeat says MongoDB does not answer (refused, or silent past the connect timeout). */
    private static final class NotAnswering extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NotAnswering() {
            super("MongoDB does not answer: the driver's heartbeat failed");
        }
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

    /** The agent_health report: sent, or (MongoDB away, or the send failed) spooled for a later run to write. */
    private void report(boolean send) {
        report(send, false);
    }

    /** {@link #report(boolean)}; the exit's {@code last} one is spooled even when the spool is full ({@link OwnSpool#appendLastReport}). */
    private boolean report(boolean send, boolean last) {
        Document doc = last ? lastHealthDocument() : healthDocument();
        lastReportStored = false;
        if (send) {
            try {
                db.writeHealth(doc);
                lastReportStored = true;
                return true;
            } catch (RuntimeException e) {
                health.writeFailed(e);
            }
        }
        if (onlyForLeftFiles()) {
            // Its report goes to MongoDB (with what it replayed) or nowhere, never into a spool
            // file of its own for the next run.
            return false;
        }
        SpoolRecord record = new SpoolRecord(Collections.AGENT_HEALTH, doc);
        if (last) {
            return spool.appendLastReport(record);
        }
        return spool.append(java.util.Collections.singletonList(record)) == 1;
    }

    /** An exit of a run that captured nothing, made only to store the files earlier runs left. */
    private boolean onlyForLeftFiles() {
        return exitForLeftFiles && health.captured() == 0;
    }

    /** The exit's report: {@code ended_at} says the JVM is gone, whatever {@code mongo_state} it last saw. */
    private Document lastHealthDocument() {
        return healthDocument().append("ended_at", new java.util.Date());
    }

    private Document healthDocument() {
        Document doc = health.toDocument(queue.size() + pendingCount, queue.bytes()).append("active_codes", tracker.size())
                .append("spool_error", spool.error());
        parts.describe(doc);
        return doc;
    }

    private void finish() {
        storms.sweep(true);
        // Events held before the stored state was known: those with their provisional record in
        // the spool are stored by the next start; the others are lost at exit.
        health.spooled.addAndGet(earlySpooled);
        long notHandled = queue.size() + batch.count() + carried.size() + early.size() - earlySpooled;
        early.clear();
        carried.clear();
        earlySpooled = 0;
        if (notHandled > 0) {
            // Counted as dropped: no longer waiting, so the last report does not count them twice.
            List<CapturedEvent> queued = new ArrayList<CapturedEvent>();
            queue.drainTo(queued, Integer.MAX_VALUE);
            storms.lost(queued);
            clearBatch();
        }
        // Also when only the sweep above lost storm counts (a key with no occurrence handled).
        countExitLoss(Math.max(notHandled, 0));
        left.release();
        boolean send = db != null && mightAnswer();
        if (send) {
            // The last writes may use the time kept for them, less a little to spool what they do not take.
            calls.until(shutdownDeadline - Math.min(config.shutdownTimeout().toNanos() / 10, LAST_SPOOL_NANOS));
            if (!spool.hasBacklog()) {
                writeCodes();
            }
            alert(groups.flush(db, System.nanoTime(), true, parts.alerts()), System.nanoTime());
            parts.alerts().exiting(db);
            // The last health report counts the notices of the last events too.
            parts.awaitNotices(shutdownDeadline);
            alert(java.util.Collections.<GroupChange>emptyList(), System.nanoTime());
        }
        // What MongoDB did not take: the group counts and error_codes writes wait in the spool for the next start.
        spoolGroups(groups.take(true));
        codes.collectSuppressed();
        spoolCodes();
        if (!report(send, true) && !onlyForLeftFiles()) {
            // Neither MongoDB nor the spool took the last report: this run's counts, the drops
            // included, reach no database, so stderr is the one place left to count them.
            Diag.info("this run's agent_health report is lost (MongoDB " + health.mongoState().name().toLowerCase()
                    + " at " + MongoUris.redact(config.mongoUri()) + ", the spool in " + config.spoolDir()
                    + " not writable): captured " + health.captured() + ", written " + health.written()
                    + ", dropped " + health.droppedTotal() + " " + health.droppedByReason()
                    + "; set faultline.spool.dir to a writable directory to keep errors through an outage");
        }
        if (spool.hasBacklog() && health.spooled() > 0) {
            Diag.info(health.spooled() + " error(s) kept in the spool " + spool.file() + " (MongoDB "
                    + health.mongoState().name().toLowerCase()
                    + (health.mongoState() == Health.MongoState.CONNECTED ? ", not all written within shutdown.timeout" : "")
                    + "): replayed by the next start of this service, or by"
                    + " " + LeftReplay.replayCommand(config.spoolDir(), "<this MongoDB>", config.mongoDatabase()));
        }
        // The part stored is noted, unless occurrences in it wait for an answer-lost record after it.
        spool.close(!replay.ownDuplicatesWaiting());
        if (client != null) {
            try {
                client.close();
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
        shutdown(System.nanoTime() + config.shutdownTimeout().toNanos());
    }

    /**
     * As {@link #shutdown()}, within a deadline set earlier (the exit waited for the writer's
     * making first, out of the same {@code shutdown.timeout}).
     *
     * @param deadline a {@link System#nanoTime()} value; one already past leaves only the counting
     */
    public void shutdown(long deadline) {
        Bridge.uninstall();
        long begunBefore = begun;
        boolean nothingOfItsOwn = db == null && health.captured() == 0 && queue.size() == 0 && pendingCount == 0 && batch.isEmpty()
                && !spool.hasBacklog();
        // Read by the writer once it sees stopping.
        exitForLeftFiles = nothingOfItsOwn;
        if (nothingOfItsOwn && !SpoolTarget.anyFor(LeftSpools.in(config.spoolDir(), spool.file()), left.mine())) {
            // Nothing captured, no connection yet and no file an earlier run left for this
            // database (a short-lived tool, a hello world): nothing to write and nothing to count,
            // so the exit does not wait for the MongoDB client to be created and answer (a quarter
            // of a second of class loading). The writer, a daemon, finds the same and ends
            // without making it; the empty spool file is removed.
            stopping = true;
            LockSupport.unpark(thread);
            spool.close();
            return;
        }
        long timeout = Math.max(0, deadline - System.nanoTime());
        shutdownDeadline = deadline;
        // Kept for the last agent_health report, which carries the loss: a third of the timeout, at most 1 s.
        flushDeadline = deadline - Math.min(timeout / 3, TimeUnit.SECONDS.toNanos(1));
        long now = System.nanoTime();
        // Kept for spooling what is left: a quarter of the flush time, at most 1 s.
        sendUntil = flushDeadline - Math.min((flushDeadline - now) / 4, TimeUnit.SECONDS.toNanos(1));
        // A call under way or made from now on is waited for until sendUntil and then given up
        // (the writer spools the rest itself); count writes carry ids, so that one given up that
        // MongoDB still applies counts once.
        calls.until(sendUntil);
        if (nothingOfItsOwn) {
            calls.giveUpSilently();
        }
        stopping = true;
        LockSupport.unpark(thread);
        try {
            // The writer does not wait for a MongoDB that is known to be away (it spools), so this
            // waits out the deadline only while a call to MongoDB is under way and unanswered.
            while (thread.isAlive() && System.nanoTime() < deadline) {
                thread.join(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        parts.awaitNotices(deadline);
        if (thread.isAlive() && onlyForLeftFiles()) {
            // Storing the files earlier runs left took longer than shutdown.timeout: they stay
            // for a later run (replaying a file again is harmless), and this run has nothing to count.
            Diag.debug("the spool files earlier runs left were not all stored within shutdown.timeout; a later run stores them");
        } else if (thread.isAlive()) {
            // The writer is stuck in a call to MongoDB (its batch is in the spool already): the
            // rest is counted here, and the last report goes to the spool for the next start.
            // Events held before the stored state was known with their provisional record in the spool are stored by the next start.
            health.spooled.addAndGet(earlySpooled);
            // Held up in one event the whole time (the application's code: not a storm being
            // converted, whose shedding this would bypass): what waited behind it, taken with it or
            // still queued, goes to the spool as records made without the application's code, for
            // the next start to store; what the writer holds is lost, counted.
            boolean heldUp = !calls.waiting() && begun == begunBefore && pipeline != null;
            List<CapturedEvent> notWritten = heldUp ? taken.claim() : new ArrayList<CapturedEvent>();
            int claimed = notWritten.size();
            queue.drainTo(notWritten, Integer.MAX_VALUE);
            // The events taken with it are in pendingCount already.
            long held = pendingCount + notWritten.size() - claimed;
            long spooledNow = heldUp ? spoolWithoutApplicationCode(notWritten,
                    System.nanoTime() + Math.min(config.shutdownTimeout().toNanos() / 10, LAST_SPOOL_NANOS)) : 0;
            Diag.info((calls.waiting() ? "a call to MongoDB did not return within shutdown.timeout"
                    : heldUp ? "the agent's writer did not move for all of shutdown.timeout (held up in the application's code: an"
                    + " argument's toString() or an exception's getMessage() it runs to build a record; or short of heap)"
                    : "the agent's writer did not convert all that was logged within shutdown.timeout")
                    + ": what it held is counted as lost"
                    + (spooledNow > 0 ? ", the " + spooledNow + " taken or queued behind it are kept without their arguments' text" : "")
                    + "; the counts and last report are kept in the spool " + (spool.file() == null ? "in " + config.spoolDir() : spool.file())
                    + " for the next start of this service or "
                    + LeftReplay.replayCommand(config.spoolDir(), "<this MongoDB>", config.mongoDatabase()));
            storms.lost(notWritten);
            pendingCount = 0;
            // The counts waiting in memory go to the spool: the writer's groups but the one it
            // is writing, and what the application threads shed since its last sweep (before
            // the loss is said: a key of the sweep with no occurrence handled is lost at exit too).
            GroupWriter shed = new GroupWriter(health);
            storms.sweepAtExit(shed);
            countExitLoss(held - spooledNow);
            List<dev.faultline.pipeline.GroupDelta> counts = groups.take(true);
            counts.addAll(shed.take(true));
            spoolGroups(counts);
            // And the error_codes writes waiting (not those being sent: whether MongoDB applied them is not known).
            if (codes != null) {
                codes.collectSuppressed();
                spoolCodes();
            }
            try {
                spool.appendLastReport(new SpoolRecord(Collections.AGENT_HEALTH, lastHealthDocument()));
            } catch (RuntimeException e) {
                Diag.debug("last health report not spooled: " + e);
            }
        }
    }

    /**
     * Shutdown hook, with the writer held up past {@code shutdown.timeout}: appends the events it
     * never took to the spool as records made without running the application's code (the
     * template as written, the call site, the exception's class: {@code capture_error} {@link
     * #HELD_UP_AT_EXIT}), at most {@link #MAX_HELD_UP_RECORDS} and until {@code untilNanos} (no
     * storm is shed here). Returns how many the spool took; they are counted as spooled.
     */
    private long spoolWithoutApplicationCode(List<CapturedEvent> events, long untilNanos) {
        List<Occurrence> records = new ArrayList<Occurrence>();
        long settled = 0;
        for (CapturedEvent e : events) {
            if (System.nanoTime() - untilNanos >= 0 || records.size() >= MAX_HELD_UP_RECORDS) {
                break;
            }
            try {
                Occurrence o = pipeline.withoutApplicationCode(e, HELD_UP_AT_EXIT);
                if (o != null) {
                    records.add(o);
                    continue;
                }
                settled++;
                countNotStored(pipeline.outcome());
            } catch (RuntimeException | LinkageError ex) {
                Diag.debug("an event held at exit not spooled: " + ex);
            }
        }
        int took = records.isEmpty() ? 0 : spool.append(spoolRecords(records, null));
        health.spooled.addAndGet(took);
        return took + settled;
    }

    /**
     * While MongoDB does not answer, the group counts and error_codes writes wait in memory; past
     * {@link GroupWriter#MAX_PENDING} groups, or {@link #MAX_CODE_WRITES} code writes, they go to
     * the spool (applied once when it is replayed), so that an outage of any length holds bounded memory.
     */
    private void keepCountsBounded() {
        if (groups.size() >= GroupWriter.MAX_PENDING) {
            spoolGroups(groups.take(false));
        } else if (groups.due(System.nanoTime())) {
            // Written by now were MongoDB there: on disk instead, where a kill -9 does not reach them.
            spoolCounts();
        }
        long now = System.nanoTime();
        if (now >= nextCodeFlushAt) {
            // The repeats counted in memory become writes too: a trial's kill -9 during an
            // outage lost all of them (only the episode's opening had been spooled).
            codes.collectSuppressed();
        }
        if (codes.size() >= MAX_CODE_WRITES || codes.size() > 0 && now >= nextCodeFlushAt) {
            // As the group counts: on disk within a flush interval, where a kill -9 during the
            // outage does not reach them (a user's trial lost the episode's document so).
            spoolCodes();
            nextCodeFlushAt = now + config.flushInterval().toNanos();
        }
    }

    /**
     * The group counts only in memory go to the spool (the one being written too: its id makes it
     * count once, written or replayed); this JVM's replay writes them as group writes, so their
     * changes reach the alerts ({@link Replay#spooled}). Those the spool does not take (full,
     * unwritable) wait in memory again, not lost.
     */
    private void spoolCounts() {
        if (groups.holdsCounts()) {
            List<dev.faultline.pipeline.GroupDelta> counts = groups.take(false);
            groups.putBack(counts.subList(appendCounts(counts), counts.size()));
        }
    }

    /** Appends group increments to the spool, remembered for this JVM's replay; returns how many the spool took (the first ones). */
    private int appendCounts(List<dev.faultline.pipeline.GroupDelta> deltas) {
        int took = spool.append(SpooledCounts.groups(deltas));
        replay.spooled(deltas.subList(0, took));
        return took;
    }

    /** Appends group increments to the spool; a count the spool does not take is counted as lost. */
    private void spoolGroups(List<dev.faultline.pipeline.GroupDelta> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        int took = appendCounts(deltas);
        for (int i = took; i < deltas.size(); i++) {
            dev.faultline.pipeline.GroupDelta d = deltas.get(i);
            if (!d.merged) {
                health.groupCountLost(d.count, d.storedCount, spool.shortfall());
            }
        }
        if (took < deltas.size()) {
            Diag.warnRateLimited("group counts", (deltas.size() - took) + " group count(s) lost: MongoDB did not take them and the spool in "
                    + config.spoolDir() + " could not (" + spool.shortfall() + ")");
        }
    }

    /** Appends the waiting error_codes writes to the spool as one record (they are applied in order). */
    private void spoolCodes() {
        List<com.mongodb.client.model.WriteModel<Document>> writes = codes.take();
        if (writes.isEmpty()) {
            return;
        }
        spoolCodes(SpooledCounts.codes(writes), writes.size());
    }

    private void spoolCodes(SpoolRecord record, int writes) {
        if (spool.append(java.util.Collections.singletonList(record)) == 0) {
            Diag.warnRateLimited("code writes", writes + " error_codes write(s) lost: MongoDB did not take them and the spool in "
                    + config.spoolDir() + " could not (" + spool.shortfall() + ")");
        }
        codeWritesPending = codes.size();
    }

    /**
     * {@code lost} events held at exit and not written, counted in {@code dropped.shutdown}
     * beside what a storm shed and lost with them or in the exit's sweep (counted there by {@link
     * Storms}); then said once on stderr, the same total {@code agent_health.lost_at_exit} shows
     * (the line left out the sweep's: a trial's storm printed 99100 for 99744), so it is called
     * after every other loss at exit is counted.
     */
    private void countExitLoss(long lost) {
        if (lost > 0) {
            health.dropped(Health.SHUTDOWN, lost);
            exitLostEvents.addAndGet(lost);
        }
        long total = health.dropped(Health.SHUTDOWN);
        if (total > 0 && exitLossCounted.compareAndSet(false, true)) {
            long shed = total - exitLostEvents.get();
            Diag.info(total + " error(s) not written at shutdown" + (shed > 0 ? " (" + shed + " of them shed in a storm)" : "")
                    + ": MongoDB " + health.mongoState().name().toLowerCase() + " at " + MongoUris.redact(config.mongoUri()));
        }
    }
}
