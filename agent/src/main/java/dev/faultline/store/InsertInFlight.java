package dev.faultline.store;

import dev.faultline.capture.Occurrence;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The one batch insert in flight: the writer hands a batch's driver call to the thread {@code
 * faultline-insert} and converts the next batch meanwhile, so that converting and the database's
 * work overlap (BENCHMARKS.md, Writer throughput). One at a time, and everything else stays on the
 * writer: it takes the answer ({@link #await}, which waits as the call itself used to) before it
 * hands over the next batch, reads its spool back, writes error codes or exits, so order, the
 * spool, the counts and the backoff are what they were with the call on the writer thread.
 */
final class InsertInFlight {
    /** The thread ends after this long without a batch, and starts again with the next. */
    private static final long IDLE_SECONDS = 10;

    /** Made with the first batch (not in premain, where the writer is made). */
    private ThreadPoolExecutor thread;
    private final BoundedCalls calls;
    private Future<Database.Inserted> call;
    private List<Occurrence> occurrences;
    private int spooled;
    private String shortfall;

    /** @param calls the writer's waits: this batch's answer is given up with its other calls at exit */
    InsertInFlight(BoundedCalls calls) {
        this.calls = calls;
    }

    /**
     * Starts inserting {@code occurrences}, of which {@code spooled} are in the spool ({@code
     * shortfall}: why the rest are not), with the BSON the spool made of some ({@code encoded},
     * held until the answer: bounded by the writer's byte budget); only when nothing is in flight.
     */
    void send(Database db, List<Occurrence> occurrences, org.bson.RawBsonDocument[] encoded, int spooled, String shortfall) {
        if (call != null) {
            throw new AssertionError("a batch is in flight already");
        }
        this.occurrences = occurrences;
        this.spooled = spooled;
        this.shortfall = shortfall;
        if (thread == null) {
            thread = BoundedCalls.agentThread("faultline-insert", IDLE_SECONDS);
        }
        this.call = thread.submit(() -> db.insertRecords(occurrences, encoded));
    }

    /** Whether a batch was sent and its answer not taken yet. */
    boolean active() {
        return call != null;
    }

    /** Whether the batch in flight has its answer. */
    boolean done() {
        return call != null && call.isDone();
    }

    /** Of the batch in flight, the occurrences not in the spool: still pending, for agent_health; 0 when none. */
    int unspooled() {
        return call == null ? 0 : occurrences.size() - spooled;
    }

    List<Occurrence> occurrences() {
        return occurrences;
    }

    int spooled() {
        return spooled;
    }

    String shortfall() {
        return shortfall;
    }

    /**
     * Waits for the answer of the batch in flight (at exit, no longer than the writer's other
     * calls: {@link BoundedCalls#await}) and clears it; throws what the call threw.
     */
    Database.Inserted await() {
        Future<Database.Inserted> f = call;
        call = null;
        occurrences = null;
        return calls.await(f);
    }
}
