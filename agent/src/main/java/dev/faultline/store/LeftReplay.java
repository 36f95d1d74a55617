package dev.faultline.store;

import dev.faultline.core.Diag;
import dev.faultline.store.spool.LeftSpools;
import dev.faultline.store.spool.SpoolRecord;
import dev.faultline.store.spool.SpoolTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Replays the spool files earlier runs of this service left in {@code spool.dir}, one chunk per
 * {@link #step}, so that the writer goes on with new errors in between. A file is claimed with
 * its lock (two JVMs never replay one file), removed once every record in it is stored, and
 * released for a later attempt when MongoDB fails half-way or the JVM exits; each stored chunk is
 * noted ({@link LeftSpools.Claim#settle}), so the later attempt goes on after it (a chunk stored
 * again is harmless: duplicate keys). Writer thread, or the {@code replay} command.
 */
final class LeftReplay {
    private final Path dir;
    private final Replay replay;
    private final Health health;
    private final Deque<Path> todo = new ArrayDeque<Path>();
    /** Where this JVM stores; files going elsewhere are left alone. */
    private final SpoolTarget mine;
    /** Files found to be going elsewhere ({@link SpoolTarget}): left alone by this JVM. */
    private final java.util.Set<Path> foreign = new java.util.HashSet<Path>();
    private LeftSpools.Claim claim;
    /**
     * Occurrences of the current file found stored already whose count waits for an answer-lost
     * record further on ({@link Replay#waiting}): until it comes, the file is not settled past
     * them, so that a run that stops before it reads them again and counts them then.
     */
    private final java.util.Set<String> waiting = new java.util.HashSet<String>();
    /** Files replayed to the end and removed. */
    int finished;

    /** The {@code replay} command that stores the files of {@code dir} for {@code database}, as the agent's lines name it. */
    static String replayCommand(Path dir, String uri, String database) {
        return "java -jar faultline-agent.jar replay --dir " + dir + " --uri " + uri + " --database " + database;
    }

    /** Where this JVM stores. */
    SpoolTarget mine() {
        return mine;
    }

    /** Files left alone as going to another database or deployment. */
    int foreign() {
        return foreign.size();
    }

    LeftReplay(Path dir, Replay replay, Health health, SpoolTarget mine) {
        this.dir = dir;
        this.mine = mine;
        this.replay = replay;
        this.health = health;
    }

    /** Looks for left files again (the writer's own file, {@code own}, is never one). */
    void scan(Path own) {
        todo.clear();
        for (Path file : LeftSpools.in(dir, own)) {
            if (foreign.contains(file)) {
                continue;
            }
            SpoolTarget target = SpoolTarget.of(file);
            if (mine.takes(target)) {
                todo.add(file);
            } else {
                // Said once per file; not claimed, so a JVM for its database may take it meanwhile.
                foreign.add(file);
                Diag.info("spool " + file + " is for " + target.describe() + ", not " + mine.describe()
                        + ": left alone (" + replayCommand(dir, "<its MongoDB>", target.database) + " stores it)");
            }
        }
    }

    boolean pending() {
        return claim != null || !todo.isEmpty();
    }

    /** Stores up to {@code max} records of the current file; true while there is more to do. Throws when MongoDB fails. */
    boolean step(Database db, int max) {
        if (claim == null && !claimNext()) {
            return false;
        }
        try {
            List<SpoolRecord> records = claim.next(max);
            if (!records.isEmpty()) {
                waiting.addAll(replay.left(db, records));
                waiting.removeIf(id -> !replay.waiting(id));
                if (waiting.isEmpty()) {
                    claim.settle();
                }
                return true;
            }
            if (claim.corruptTail()) {
                health.spoolCorruptTails.incrementAndGet();
                Diag.info("spool " + claim.file + " had a damaged tail; the records before it were replayed, the rest skipped");
            }
            claim.finished();
            finished++;
            Diag.debug("replayed and removed " + claim.file);
        } catch (IOException e) {
            Diag.info("spool " + claim.file + " not readable: " + e);
            release();
        } catch (RuntimeException e) {
            release();
            throw e;
        }
        claim = null;
        return pending();
    }

    /** Lets go of the current file (MongoDB failed, or at exit): another run replays it. */
    void release() {
        if (claim != null) {
            try {
                claim.close();
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
            claim = null;
        }
    }

    /** Empty, and older than a minute: not a file a starting run is about to write its header in. */
    private static boolean emptyAndOld(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.size(file) == 0
                    && System.currentTimeMillis() - java.nio.file.Files.getLastModifiedTime(file).toMillis() > 60_000;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean claimNext() {
        while (!todo.isEmpty()) {
            LeftSpools.Claim c = LeftSpools.claim(todo.poll());
            if (c == null) {
                continue;
            }
            if (!c.known() && emptyAndOld(c.file)) {
                // A run that found the disk full made the file and could not write even its
                // header (a trial): nothing in it, and no one writing it (it was locked here).
                try {
                    c.finished();
                } catch (IOException e) {
                    Diag.debug("an empty spool file not removed: " + e);
                }
                continue;
            }
            if (!c.known()) {
                Diag.info("not a spool of this agent version, left alone: " + c.file);
                try {
                    c.close();
                } catch (IOException e) {
                    // nothing held
                }
                continue;
            }
            claim = c;
            waiting.clear();
            if (c.resumed()) {
                Diag.debug("going on with " + c.file + " where an earlier run stopped storing it");
            }
            return true;
        }
        return false;
    }
}
