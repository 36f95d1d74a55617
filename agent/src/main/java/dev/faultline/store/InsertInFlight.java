package dev.faultline.store;

import dev.faultline.capture.Occurrence;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import org.bson.RawBsonDocument;

/**
 * The batch insert in flight, and the one batch held behind it: the writer hands a batch's
 * driver call to the thread {@code faultline-insert} and converts the next meanwhile, so that
 * converting and the database's work overlap (BENCHMARKS.md, Writer throughput). The writer does
 * not wait for an answer to go on: a batch due while the insert is under way is spooled and
 * held here, sent once the answer is taken ({@link #takeHeld}); later ones wait in the spool,
 * read back in order (OPERATIONS.md, kill -9). Everything else stays on the writer: it takes the
 * answer ({@link #await}) before it reads its spool back, writes error codes or exits, so order,
 * the spool, the counts and the backoff are what they were with the call on the writer thread.
 */
final class InsertInFlight {
    /** The thread ends after this long without a batch, and starts again with the next. */
    private static final long IDLE_SECONDS = 10;

    /** One batch for the insert. */
    static final class Sent {
        final List<Occurrence> occurrences;
        /** The spool's BSON of some of them, sent as it is (held until the answer: bounded by the writer's byte budget). */
        final RawBsonDocument[] encoded;
        /** How many of them are in the spool, and why not the rest ({@link dev.faultline.store.spool.OwnSpool#shortfall}). */
        final int spooled;
        final String shortfall;
        /** Where they end in the spool ({@link dev.faultline.store.spool.OwnSpool#end}): settled up to there once stored. */
        final long spoolEnd;

        /** Spooled counts read back with them (the backlog's), applied once they are stored; else null. */
        final List<dev.faultline.store.spool.SpoolRecord> counts;
        /** Read back from the spool (the backlog), not a batch's first send. */
        final boolean backlog;

        /** A batch's first send. */
        Sent(List<Occurrence> occurrences, RawBsonDocument[] encoded, int spooled, String shortfall, long spoolEnd) {
            this(occurrences, encoded, spooled, shortfall, spoolEnd, null, false);
        }

        /** Records of the backlog, read back from the spool with {@code counts} (or null). */
        Sent(List<Occurrence> occurrences, RawBsonDocument[] encoded, int spooled, long spoolEnd,
                List<dev.faultline.store.spool.SpoolRecord> counts) {
            this(occurrences, encoded, spooled, null, spoolEnd, counts, true);
        }

        private Sent(List<Occurrence> occurrences, RawBsonDocument[] encoded, int spooled, String shortfall, long spoolEnd,
                List<dev.faultline.store.spool.SpoolRecord> counts, boolean backlog) {
            this.occurrences = occurrences;
            this.encoded = encoded;
            this.spooled = spooled;
            this.shortfall = shortfall;
            this.spoolEnd = spoolEnd;
            this.counts = counts;
            this.backlog = backlog;
        }

        /** The occurrences not in the spool: only in memory. */
        int unspooled() {
            return occurrences.size() - spooled;
        }
    }

    /** Made with the first batch (not in premain, where the writer is made). */
    private ThreadPoolExecutor thread;
    private final BoundedCalls calls;
    private Future<Database.Inserted> call;
    private Sent sending;
    private Sent held;

    /** @param calls the writer's waits: this batch's answer is given up with its other calls at exit */
    InsertInFlight(BoundedCalls calls) {
        this.calls = calls;
    }

    /** Starts inserting {@code batch}; only when nothing is in flight. */
    void send(Database db, Sent batch) {
        if (call != null) {
            throw new AssertionError("a batch is in flight already");
        }
        sending = batch;
        if (thread == null) {
            thread = BoundedCalls.agentThread("faultline-insert", IDLE_SECONDS);
        }
        this.call = thread.submit(() -> {
            Thread.interrupted(); // the agent's thread (BoundedCalls#call says why)
            return db.insertRecords(batch.occurrences, batch.encoded);
        });
    }

    /** Whether a batch can be held behind the one in flight: one is in flight, none held. */
    boolean canHold() {
        return call != null && held == null;
    }

    /** Holds {@code batch} (spooled right after the one in flight) until that one's answer is taken. */
    void hold(Sent batch) {
        if (!canHold()) {
            throw new AssertionError("nothing in flight, or a batch held already");
        }
        held = batch;
    }

    /** The batch held, now taken out (null when none): the writer sends it, or leaves it to the spool. */
    Sent takeHeld() {
        Sent b = held;
        held = null;
        return b;
    }

    /** Whether a batch was sent and its answer not taken yet. */
    boolean active() {
        return call != null;
    }

    /** Whether the batch in flight has its answer. */
    boolean done() {
        return call != null && call.isDone();
    }

    /** The occurrences in flight and held that are not in the spool: still pending, for agent_health. */
    int unspooled() {
        return (call == null ? 0 : sending.unspooled()) + (held == null ? 0 : held.unspooled());
    }

    /** Where the last batch handed here ends in the spool (the held one's, else the one in flight's); {@code otherwise} when none. */
    long spoolEnd(long otherwise) {
        return held != null ? held.spoolEnd : call != null ? sending.spoolEnd : otherwise;
    }

    /** The batch in flight (null once its answer is taken). */
    Sent sending() {
        return sending;
    }

    /**
     * Waits for the answer of the batch in flight (at exit, no longer than the writer's other
     * calls: {@link BoundedCalls#await}) and clears it; throws what the call threw.
     */
    Database.Inserted await() {
        Future<Database.Inserted> f = call;
        call = null;
        sending = null;
        return calls.await(f);
    }
}
