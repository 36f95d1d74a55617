package dev.faultline.store;

import java.nio.file.Path;

/**
 * The {@code replay} command's work: every spool file in a directory that no running JVM holds,
 * stored once by the same rules as the agent's own replay ({@link LeftReplay}), then removed.
 */
public final class ReplayRun {
    /** Records stored by this run (not those found stored already, except an insert's whose answer was lost, counted here), files removed, damaged tails skipped. */
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

    /**
     * One report per service whose occurrences were stored (a directory several services shared),
     * each counting that service's as {@code replayed}, with the identity of that service's last
     * report in the files (else {@code who}'s) and the command's host and pid.
     */
    private static void report(Database db, Health health, Replay replay, Path dir, dev.faultline.capture.Identity who) {
        health.mongoState(Health.MongoState.CONNECTED);
        java.util.Map<String, Long> byService = replay.leftByService.isEmpty()
                ? java.util.Collections.singletonMap(who.service(), 0L) : replay.leftByService;
        boolean first = true;
        for (java.util.Map.Entry<String, Long> e : byService.entrySet()) {
            org.bson.Document report = health.toDocument(0, 0).append("replay_dir", dir.toAbsolutePath().toString())
                    .append("ended_at", new java.util.Date());
            who.appendTo(report);
            if (!first) {
                report.put("_id", java.util.UUID.randomUUID().toString());
                report.put("replay_rejected", 0L);
            }
            report.put("replayed", e.getValue());
            report.put("service", e.getKey());
            org.bson.Document theirs = replay.leftReports.get(e.getKey());
            if (theirs != null) {
                for (String field : new String[] {"environment", "release", "server_id", "node_name"}) {
                    report.put(field, theirs.get(field));
                }
            }
            db.writeHealth(report);
            first = false;
        }
    }

    /**
     * Replays {@code dir} into {@code database} at {@code uri}; a MongoDB failure is thrown (what
     * was stored stays stored). When it stored or refused anything, writes {@code agent_health}
     * reports of its own ({@link #report}: {@code replayed}, {@code replay_dir}, {@code ended_at}),
     * so that the runs' counts still add up: the files' own reports say "spooled" (docs/SCHEMA.md).
     */
    public static ReplayRun of(Path dir, String uri, String database, int batchSize, dev.faultline.capture.Identity who) {
        Health health = new Health();
        GroupWriter groups = new GroupWriter(health);
        Replay replay = new Replay(health, groups);
        LeftReplay left = new LeftReplay(dir, replay, health,
                // The operator chose the MongoDB: files for the database are stored whatever
                // servers they were going to (a deployment that moved), unlike the agent's own replay.
                new dev.faultline.store.spool.SpoolTarget(database, java.util.Collections.<String>emptyList()));
        Database db = MongoStore.opener(uri, database).open(health);
        try {
            // As an agent's first connection does (without the TTL index, whose retention is the
            // agents' setting): a database only this command wrote had no unique open_key index,
            // and a spooled opening replayed again (a copy of the files) then opened a second
            // episode of the code instead of finding it applied.
            db.ensureIndexes(null);
            left.scan(null);
            while (left.step(db, batchSize)) {
                groups.flush(db, System.nanoTime(), false);
            }
            groups.flush(db, System.nanoTime(), true);
            ReplayRun run = new ReplayRun(health, left.finished, left.foreign(), !groups.isEmpty());
            if (run.replayed > 0 || run.rejected > 0) {
                report(db, health, replay, dir, who);
            }
            return run;
        } finally {
            left.release();
            db.close();
        }
    }
}
