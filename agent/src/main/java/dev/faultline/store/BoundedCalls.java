package dev.faultline.store;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.model.WriteModel;
import dev.faultline.bootstrap.Bridge;
import dev.faultline.capture.Occurrence;
import dev.faultline.core.Diag;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The writer's calls to MongoDB, made on the thread {@code faultline-call} while the writer
 * waits, so that at exit the writer can stop waiting: until {@link #until} is set the wait has no
 * bound (the driver's own timeouts end a call, as they did on the writer thread); after it, a
 * call not answered by the deadline is given up (and so is every call behind it while it still
 * runs). The writer then spools what it holds itself, with nobody else touching its state
 * (OPERATIONS.md, "Exit during an outage"). A call given up may still reach MongoDB: the writes that could then count twice
 * carry an id that makes them apply once (group counts and error_codes writes at exit;
 * occurrences by their _id).
 */
final class BoundedCalls {
    /** How often a waiting writer looks whether the exit set a deadline. */
    private static final long SLICE_MILLIS = 20;
    /** The call thread ends after this long without a call. */
    private static final long IDLE_SECONDS = 10;

    private volatile ThreadPoolExecutor thread;
    /** The deadline of every call from now on (System.nanoTime()); meaningful once {@link #bounded} is set. */
    private volatile long deadline;
    private volatile boolean bounded;
    /** The last call given up on the call thread: while it runs, nothing queued behind it can. */
    private volatile Future<?> blocking;
    private volatile boolean said;
    /** The waiting writer's own work between two slices (null: none). */
    private java.util.function.LongConsumer meanwhile;
    /**
     * When the first call since {@link #rested} began (0: none since): the waits of consecutive
     * calls add up, so that many short calls in a row (a group write per new group) are waited
     * for as one long call is.
     */
    private long busySince;
    /** Whether the writer waits for a call now (read by the exit, to say what held the writer up). */
    private volatile boolean waiting;

    /** Whether the waiting thread is waiting for a call to MongoDB now. */
    boolean waiting() {
        return waiting;
    }

    /**
     * Run by the waiting thread after each slice (20 ms) of a wait that is not over, and after
     * each answer once the round of calls since {@link #rested} has lasted a slice, with how long
     * that round has lasted (ns): the writer spools what arrives meanwhile ({@code
     * Writer.whileWaiting}), also while many short calls follow each other; a call answered
     * within a slice is not interrupted by it. What it throws is noted and does not end the wait.
     */
    void meanwhile(java.util.function.LongConsumer work) {
        this.meanwhile = work;
    }

    /** The waiting thread is between rounds of calls: the next call's wait starts a new count. */
    void rested() {
        busySince = 0;
    }

    /** From now on no call is waited for past {@code nanoTime} (a System.nanoTime() value). */
    void until(long nanoTime) {
        deadline = nanoTime;
        bounded = true;
    }

    /** A call given up at exit is not said: the exit holds nothing of its own that the spool keeps. */
    void giveUpSilently() {
        said = true;
    }

    /** Whether {@code e} is a call given up at exit (MongoDB is slow or silent, not known to be away). */
    static boolean gaveUp(RuntimeException e) {
        return e instanceof GaveUp;
    }

    /**
     * {@code db} with its calls made on the call thread, waited for as above; {@link
     * Database#answering} (a look at the driver's heartbeat) and {@link Database#close} are called
     * directly.
     */
    Database around(Database db) {
        return new Around(db);
    }

    /** Makes {@code call} on the call thread and waits for it as above. */
    private <T> T call(Callable<T> call) {
        Future<?> before = blocking;
        if (before != null && !before.isDone()) {
            throw new GaveUp("a call given up at exit still waits for MongoDB");
        }
        Future<T> f = executor().submit(() -> {
            // The agent's thread: an interrupt the application sent every thread is not for it
            // (the driver would give the call up, and report MongoDB away).
            Thread.interrupted();
            return call.call();
        });
        try {
            return await(f);
        } catch (GaveUp e) {
            blocking = f;
            throw e;
        }
    }

    private void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** The waiting thread's own work, told how long its round of calls has lasted. */
    private void work() {
        java.util.function.LongConsumer work = meanwhile;
        if (work != null) {
            try {
                work.accept(System.nanoTime() - busySince);
            } catch (RuntimeException failed) {
                Diag.info("work while waiting for MongoDB failed: " + failed);
            }
        }
    }

    /**
     * Waits for {@code call}'s answer as described above; throws what the call threw, or a
     * {@link MongoTimeoutException} when it is given up (see {@link #gaveUp}).
     */
    <T> T await(Future<T> call) {
        boolean interrupted = false;
        if (busySince == 0) {
            busySince = System.nanoTime();
        }
        waiting = true;
        try {
            while (true) {
                try {
                    long slice = TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS);
                    if (bounded) {
                        slice = Math.min(slice, deadline - System.nanoTime());
                        if (slice <= 0 && !call.isDone()) {
                            giveUp();
                        }
                    }
                    T answer = call.get(Math.max(slice, 0), TimeUnit.NANOSECONDS);
                    if (System.nanoTime() - busySince >= TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS)) {
                        // Answered, after a round of calls that has lasted a slice or more.
                        work();
                    }
                    return answer;
                } catch (TimeoutException e) {
                    // Not answered yet: the waiting thread's own work, then the deadline again.
                    work();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException) {
                        throw (RuntimeException) cause;
                    }
                    if (cause instanceof Error) {
                        throw (Error) cause;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            waiting = false;
            if (interrupted) {
                // Not passed on: the waiting thread is the agent's, whose work an application that
                // interrupts every thread must not stop (a trial: the flag closed the spool's
                // channel at its next write, and the spool stayed closed for the rest of the run).
                Diag.debug("an interrupt of the agent's writer ignored");
            }
        }
    }

    private void giveUp() {
        if (!said) {
            said = true;
            Diag.info("a call to MongoDB did not return before shutdown.timeout: what the agent cannot write is kept in its spool");
        }
        throw new GaveUp("MongoDB did not answer before shutdown.timeout");
    }

    /** A call given up at exit. */
    private static final class GaveUp extends MongoTimeoutException {
        private static final long serialVersionUID = 1L;

        GaveUp(String message) {
            super(message);
        }
    }

    private ThreadPoolExecutor executor() {
        ThreadPoolExecutor t = thread;
        if (t == null) {
            thread = t = agentThread("faultline-call", IDLE_SECONDS);
        }
        return t;
    }

    /**
     * One daemon thread of the agent named {@code name} (whatever the driver logs on it is not
     * captured), made when a task comes and ended after {@code idleSeconds} without one.
     */
    static ThreadPoolExecutor agentThread(String name, long idleSeconds) {
        ThreadPoolExecutor t = new ThreadPoolExecutor(1, 1, idleSeconds, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>(), r -> {
            return dev.faultline.core.AgentThreads.daemon(() -> {
                Bridge.markAgentThread();
                r.run();
            }, name);
        });
        t.allowCoreThreadTimeOut(true);
        return t;
    }

    /** The writer's database, each call made by {@link #call}. */
    private final class Around implements Database {
        private final Database db;

        Around(Database db) {
            this.db = db;
        }

        @Override
        public Boolean answering() {
            return db.answering();
        }

        @Override
        public void close() {
            db.close();
        }

        @Override
        public void ensureIndexes(Duration retention) {
            run(() -> db.ensureIndexes(retention));
        }

        @Override
        public Inserted insertOccurrences(List<Document> occurrences) {
            return call(() -> db.insertOccurrences(occurrences));
        }

        @Override
        public Inserted insertRecords(List<Occurrence> occurrences) {
            return call(() -> db.insertRecords(occurrences));
        }

        @Override
        public Inserted insertRecords(List<Occurrence> occurrences, org.bson.RawBsonDocument[] encoded) {
            return call(() -> db.insertRecords(occurrences, encoded));
        }

        @Override
        public void writeCodes(List<WriteModel<Document>> writes) {
            run(() -> db.writeCodes(writes));
        }

        @Override
        public Document openEpisode(String openKey, Bson update) {
            return call(() -> db.openEpisode(openKey, update));
        }

        @Override
        public Document updateCode(Bson filter, Bson update) {
            return call(() -> db.updateCode(filter, update));
        }

        @Override
        public Set<Integer> writeGroups(List<WriteModel<Document>> writes) {
            return call(() -> db.writeGroups(writes));
        }

        @Override
        public Document countGroup(Bson filter, Bson update) {
            return call(() -> db.countGroup(filter, update));
        }

        @Override
        public boolean updateGroup(Bson filter, Bson update) {
            return call(() -> db.updateGroup(filter, update));
        }

        @Override
        public boolean applyOnce(String collection, Bson filter, Bson update, boolean upsert) {
            return call(() -> db.applyOnce(collection, filter, update, upsert));
        }

        @Override
        public int applyOnce(String collection, List<com.mongodb.client.model.UpdateOneModel<Document>> writes) {
            return call(() -> db.applyOnce(collection, writes));
        }

        @Override
        public int applyOnce(String collection, List<com.mongodb.client.model.UpdateOneModel<Document>> writes,
                java.util.function.Consumer<Object> inserted) {
            return call(() -> db.applyOnce(collection, writes, inserted));
        }

        @Override
        public List<Document> groupsWithLastError(java.util.Collection<Object> ids) {
            return call(() -> db.groupsWithLastError(ids));
        }

        @Override
        public java.util.Set<String> appliedIds(String collection, java.util.Collection<Object> ids) {
            return call(() -> db.appliedIds(collection, ids));
        }

        @Override
        public void writeHealth(Document health) {
            run(() -> db.writeHealth(health));
        }

        @Override
        public List<Document> mergedGroups() {
            return call(db::mergedGroups);
        }

        @Override
        public void finishMerges(java.util.Collection<String> sources) {
            run(() -> db.finishMerges(sources));
        }

        @Override
        public java.util.Set<String> migrateGroups(java.util.Map<String, String> pairs, int version) {
            return call(() -> db.migrateGroups(pairs, version));
        }

        @Override
        public List<Document> groupingRules() {
            return call(db::groupingRules);
        }

        @Override
        public List<Document> codes(Document filter) {
            return call(() -> db.codes(filter));
        }

        @Override
        public List<Document> alertRules() {
            return call(db::alertRules);
        }

        @Override
        public void insertNotices(List<Document> notices) {
            run(() -> db.insertNotices(notices));
        }

        @Override
        public boolean allowNotice(String id, String channel, Date window, String notice, int perWindow) {
            return call(() -> db.allowNotice(id, channel, window, notice, perWindow));
        }

        @Override
        public void holdBackNotice(String id, String channel, Date window, String fingerprint, long occurrences) {
            run(() -> db.holdBackNotice(id, channel, window, fingerprint, occurrences));
        }

        @Override
        public Document takeDigest(String id) {
            return call(() -> db.takeDigest(id));
        }
    }
}
