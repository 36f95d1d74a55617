package dev.faultline.store.spool;

import dev.faultline.core.Diag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * This JVM's spool file, {@code spool-<pid>-<start>.fls} in {@code spool.dir}, locked for the
 * JVM's life so that no other JVM replays it while it is in use. Every batch goes here before it
 * is sent (a write-ahead log, one fsync per batch); what MongoDB stored is cut off again, and what
 * it did not is the backlog, read back in order once MongoDB answers. The file is made at the
 * first append and removed at exit when nothing is left in it. Writer thread; the shutdown hook
 * appends the last health report when the writer is stuck in a call to MongoDB, hence the locks.
 */
public final class OwnSpool {
    /** Files this JVM's spools opened so far. */
    private static final java.util.concurrent.atomic.AtomicLong OPENED = new java.util.concurrent.atomic.AtomicLong();
    /** Drop reasons: the file reached {@code spool.max-size}; it cannot be made or written. */
    public static final String FULL = "spool_full";
    public static final String UNWRITABLE = "spool_unwritable";
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** What the exit's last report may take past {@code spool.max-size} (a report is about 1-2 KB). */
    static final long LAST_REPORT_ROOM = 64 * 1024;

    private final Path dir;
    private final Path sharedRoot;
    private final SpoolTarget target;
    private final long maxSize;
    private Path file;
    private SpoolAppender appender;
    /** Where records start: after the header and the {@link SpoolTarget} record. */
    private long base = SpoolFormat.HEADER.length;
    /** Where the first record not yet known to be stored starts. */
    private long settledTo = SpoolFormat.HEADER.length;
    /** Where the records handed out by {@link #readBacklog} end. */
    private long readTo = SpoolFormat.HEADER.length;
    /**
     * Bytes cut off the file by settling so far: {@link #end} and {@link #settleTo} count from the
     * first byte ever appended, so that an offset given out before a cut still says the same place.
     */
    private long cut;
    private String shortfall = FULL;
    /** Why the spool could not be written at its last try; null once it could ({@code agent_health.spool_error}). */
    private String error;
    private long retryAt;
    private boolean failedBefore;

    public OwnSpool(Path dir, long maxSize) {
        this(dir, null, null, maxSize);
    }

    /**
     * @param sharedRoot the default {@code spool.dir}'s parent, made open to all and sticky ({@link SpoolDirectory}; null: none)
     * @param target where the records are going, written first in each file ({@link SpoolTarget}; null: not written)
     */
    public OwnSpool(Path dir, Path sharedRoot, SpoolTarget target, long maxSize) {
        this.dir = dir;
        this.sharedRoot = sharedRoot;
        this.target = target;
        this.maxSize = maxSize;
    }

    /** Appends {@code records} in order, forced to disk; returns how many it took (the rest: {@link #shortfall}). */
    public synchronized int append(List<SpoolRecord> records) {
        return append(records, maxSize);
    }

    /**
     * The exit's last {@code agent_health} report: appended even past {@code spool.max-size}, by
     * up to {@link #LAST_REPORT_ROOM} bytes, so that a spool that filled up still carries the
     * count of what it could not take. False when it could not be written.
     */
    public synchronized boolean appendLastReport(SpoolRecord report) {
        return append(java.util.Collections.singletonList(report), maxSize + LAST_REPORT_ROOM) == 1;
    }

    private int append(List<SpoolRecord> records, long limit) {
        // Callers are the agent's threads: an interrupt the application sent every thread would
        // close the channel at the write (FileChannel is interruptible).
        Thread.interrupted();
        if (records.isEmpty() || !open()) {
            return 0;
        }
        try {
            return appended(records, limit);
        } catch (java.nio.channels.ClosedChannelException e) {
            // Closed by an interrupt all the same (one arriving during the write): the file is
            // still this JVM's, opened again once (a trial's spool stayed closed for the rest of the run).
            if (reopened()) {
                try {
                    return appended(records, limit);
                } catch (IOException again) {
                    unwritable(again);
                    return 0;
                }
            }
            unwritable(e);
            return 0;
        } catch (IOException e) {
            unwritable(e);
            return 0;
        }
    }

    private int appended(List<SpoolRecord> records, long limit) throws IOException {
        int n = appender.append(records, SpoolRecord::encode, limit);
        shortfall = FULL;
        error = null;
        return n;
    }

    /** This JVM's file opened again after its channel was closed, cut back to what it held. */
    private boolean reopened() {
        Thread.interrupted();
        long kept = appender.size();
        try {
            appender.close();
        } catch (IOException e) {
            // closed already
        }
        try {
            SpoolAppender a = new SpoolAppender(file, sharedRoot, maxSize);
            if (a.tryLock() == null) {
                a.close();
                return false;
            }
            a.truncate(kept);
            appender = a;
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Why the spool could not be written at its last try (its directory and the exception), or
     * null when it could or was not needed yet: while MongoDB answers nothing is dropped for it,
     * but an outage would drop what it does not take.
     */
    public synchronized String error() {
        return error;
    }

    /** Why the last append took fewer than it was given: {@link #FULL} or {@link #UNWRITABLE}. */
    public synchronized String shortfall() {
        return shortfall;
    }

    /** Whether records are waiting in the file that MongoDB has not stored. */
    public synchronized boolean hasBacklog() {
        return appender != null && appender.size() > settledTo;
    }

    /** Where the next append starts: the end of everything appended so far, as an offset {@link #settleTo} takes. */
    public synchronized long end() {
        return cut + (appender == null ? base : appender.size());
    }

    /**
     * Whether the stored records at the front of the file take more than a quarter of {@code
     * spool.max-size} (or 32 MiB): a file is only cut back once nothing after them waits, so the
     * writer then lets the inserts in flight finish before it appends more.
     */
    public synchronized boolean wantsCut() {
        return settledTo - base > Math.min(32L << 20, maxSize / 4);
    }

    /** Where the first record not yet known to be stored starts, as {@link #end} counts. */
    public synchronized long settled() {
        return cut + settledTo;
    }

    /**
     * The records up to {@code end} (an {@link #end} taken after appending them) are stored: they
     * leave the backlog, and the file is cut back to its header once nothing after them is left.
     * Records appended after them stay, in order.
     */
    public synchronized void settleTo(long end) {
        long to = end - cut;
        if (to <= settledTo) {
            return;
        }
        settledTo = to;
        readTo = Math.max(readTo, settledTo);
        if (appender == null || settledTo >= appender.size()) {
            settleAll();
        }
    }

    /** Everything appended so far is stored: the file is cut back to its header and target. */
    public synchronized void settleAll() {
        if (appender != null) {
            cut += appender.size() - base;
            appender.truncate(base);
        }
        settledTo = base;
        readTo = settledTo;
    }

    /**
     * Up to {@code max} records of the backlog, oldest first, no more than {@link
     * SpoolFormat#READ_BYTES} of them past the first; {@link #settleRead} once they are stored.
     */
    public synchronized List<SpoolRecord> readBacklog(int max) {
        return readBacklog(max, SpoolFormat.READ_BYTES);
    }

    /** {@link #readBacklog(int)}, no more than {@code maxBytes} of them past the first either (a batch's bytes). */
    public synchronized List<SpoolRecord> readBacklog(int max, long maxBytes) {
        return readBacklog(max, maxBytes, r -> false, Integer.MAX_VALUE);
    }

    /**
     * {@link #readBacklog(int, long)}, ending after {@code maxCounts} records that {@code isCount}
     * says are spooled counts: their replay is settled a chunk at a time, so a chunk cut short at
     * exit is read again by the next start, which must still find the ids of those this JVM
     * applied in their group (it keeps the last 64).
     */
    public synchronized List<SpoolRecord> readBacklog(int max, long maxBytes, java.util.function.Predicate<SpoolRecord> isCount,
            int maxCounts) {
        List<SpoolRecord> out = new ArrayList<SpoolRecord>();
        int counts = 0;
        if (!hasBacklog()) {
            return out;
        }
        try (SpoolReader reader = new SpoolReader(file, settledTo)) {
            long bytes = 0;
            while (out.size() < max && bytes < Math.min(SpoolFormat.READ_BYTES, maxBytes) && counts < maxCounts) {
                byte[] p = reader.next();
                if (p == null) {
                    break;
                }
                bytes += p.length;
                SpoolRecord r = SpoolRecord.decode(p);
                if (r != null) {
                    out.add(r);
                    if (isCount.test(r)) {
                        counts++;
                    }
                }
            }
            readTo = reader.corruptTail() ? appender.size() : reader.position();
        } catch (IOException e) {
            Diag.debug("spool " + file + " not readable: " + e);
            readTo = appender.size();
        }
        return out;
    }

    /**
     * Where the records of the last {@link #readBacklog} end, as {@link #end} counts: {@link
     * #settleTo} it once they are stored (they may be sent while the writer goes on).
     */
    public synchronized long readEnd() {
        return cut + readTo;
    }

    /** The records of the last {@link #readBacklog} are stored (or counted as lost). */
    public synchronized void settleRead() {
        settledTo = readTo;
        if (appender != null && settledTo >= appender.size()) {
            settleAll();
        }
    }

    /**
     * Whether the spool can be written, found before anything needs it (its file made and, empty,
     * removed again): a quiet service learns at its first connection, in {@link #error} and the
     * warning, that an outage would drop its errors, not at the first error it captures.
     */
    public synchronized void check() {
        if (appender == null && open()) {
            close();
        }
    }

    /** At exit: the file goes when nothing is left in it, and the lock is released either way. */
    public synchronized void close() {
        close(false);
    }

    /**
     * {@link #close()}; with {@code noteSettled}, a file left with records that MongoDB stored
     * before the ones it did not (a record stays until everything after it is stored) gets the
     * note of how far it is stored ({@link LeftSpools#noteSettled}), so that the next start goes
     * on after them: read again, its spooled counts that this JVM applied would count again once
     * more than {@code AppliedOnce.KEPT} later counts reached their group (a storm's exit, counts
     * spooled every flush interval while a call waited).
     */
    public synchronized void close(boolean noteSettled) {
        if (appender == null) {
            return;
        }
        boolean empty = !hasBacklog();
        try {
            if (!empty && noteSettled && settledTo > base) {
                LeftSpools.noteSettled(file, settledTo);
            }
            appender.close();
            if (empty) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            Diag.debug("spool " + file + " not closed: " + e);
        }
        appender = null;
    }

    /** The file, or null before the first append. */
    public synchronized Path file() {
        return file;
    }

    private boolean open() {
        if (appender != null) {
            return true;
        }
        long now = System.nanoTime();
        if (failedBefore && now - retryAt < 0) {
            shortfall = UNWRITABLE;
            return false;
        }
        // The millisecond alone names two files opened within it alike (the second appended to
        // the first's: seen in a unit test's run), so a JVM's later files carry their number too.
        long opened = OPENED.getAndIncrement();
        Path f = dir.resolve(LeftSpools.PREFIX + ProcessHandle.current().pid() + "-" + System.currentTimeMillis()
                + (opened == 0 ? "" : "-" + opened) + LeftSpools.SUFFIX);
        try {
            SpoolAppender a = new SpoolAppender(f, sharedRoot, maxSize);
            if (a.tryLock() == null) {
                a.close();
                throw new IOException("locked by another process");
            }
            if (target != null) {
                // First, so that a later run of the service with another database leaves the file alone.
                a.append(java.util.Collections.singletonList(target.record()), SpoolRecord::encode, maxSize, false);
            }
            appender = a;
            file = f;
            error = null;
            base = a.size();
            settledTo = base;
            readTo = settledTo;
            return true;
        } catch (IOException | RuntimeException e) {
            unwritable(e);
            return false;
        }
    }

    private void unwritable(Exception e) {
        shortfall = UNWRITABLE;
        error = dir + ": " + e;
        failedBefore = true;
        retryAt = System.nanoTime() + RETRY_NANOS;
        Diag.warnRateLimited(UNWRITABLE, "cannot write the spool in " + dir + " (" + e
                + "); errors MongoDB does not take now are dropped and counted, the application is not affected;"
                + " faultline.spool.dir sets a writable directory of this user's");
    }
}
