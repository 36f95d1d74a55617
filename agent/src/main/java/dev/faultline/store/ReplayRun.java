package dev.faultline.store;

import java.nio.file.Path;

/**
 * The {@code replay} command's work: every spool file in a directory that no running JVM holds,
 * stored once by the same rules as the agent's own replay ({@link LeftReplay}), then removed.
 */
public final class ReplayRun {
    /** Records stored (duplicates of records already stored included), files removed, damaged tails skipped. */
    public final long replayed;
    public final int files;
    public final long corruptTails;
    public final long rejected;
    /** True when the group counts of what was stored could not be written (the occurrences are stored). */
    public final boolean groupsUnwritten;
    /** Files left alone because they are for another database ({@code spool.SpoolTarget}). */
    public final int otherDatabases;

    private ReplayRun(Health health, int files, int otherDatabases, boolean groupsUnwritten) {
        this.replayed = health.replayed();
        this.files = files;
        this.otherDatabases = otherDatabases;
        this.corruptTails = health.spoolCorruptTails.get();
        this.rejected = health.replayRejected.get();
        this.groupsUnwritten = groupsUnwritten;
    }

    /** Replays {@code dir} into {@code database} at {@code uri}; a MongoDB failure is thrown (what was stored stays stored). */
    public static ReplayRun of(Path dir, String uri, String database, int batchSize) {
        Health health = new Health();
        GroupWriter groups = new GroupWriter(health);
        LeftReplay left = new LeftReplay(dir, new Replay(health, groups), health,
                // The operator chose the MongoDB: files for the database are stored whatever
                // servers they were going to (a deployment that moved), unlike the agent's own replay.
                new dev.faultline.store.spool.SpoolTarget(database, java.util.Collections.<String>emptyList()));
        Database db = MongoStore.opener(uri, database).open(health);
        try {
            left.scan(null);
            while (left.step(db, batchSize)) {
                groups.flush(db, System.nanoTime(), false);
            }
            groups.flush(db, System.nanoTime(), true);
            return new ReplayRun(health, left.finished, left.foreign(), !groups.isEmpty());
        } finally {
            left.release();
            db.close();
        }
    }
}
