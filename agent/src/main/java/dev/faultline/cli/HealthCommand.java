package dev.faultline.cli;

import dev.faultline.query.HealthReports;
import java.util.List;
import org.bson.Document;

/** {@code health}: the agents that report into this database, what they wrote and dropped. */
final class HealthCommand extends Command {
    HealthCommand() {
        super("health", "health [--json]", "agents reporting into this database (ENDED: the JVM exited): written, spooled, replayed, sampled in storms, not recorded (a clear below capture.level), the agent's own, dropped by reason, lost at exit, queue, MongoDB state, why the spool cannot be written");
    }

    @Override
    Args.Spec spec() {
        return new Args.Spec();
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        List<Document> reports = new HealthReports(s.database()).list();
        if (s.json) {
            s.printJson(new Document("count", reports.size()).append("results", reports));
            return 0;
        }
        long now = System.currentTimeMillis();
        Table t = new Table("SERVICE", 32, "HOST", 32, "PID", 8, "UPDATED (UTC)", 19, "ENDED (UTC)", 19, "MONGODB", 36, "CAPTURED", 12,
                "WRITTEN", 12, "SUPPRESSED", 12, "OF THEM CAPTURED", 16, "SPOOLED", 12, "REPLAYED", 12, "SAMPLED", 12, "NOT RECORDED", 12, "SELF", 8,
                "DROPPED", 12, "DROPPED BY REASON", 60,
                "LOST AT EXIT", 12, "GROUP COUNTS LOST", 17, "QUEUE", 8, "VERSION", 30, "LAST WRITE ERROR", 100, "SPOOL ERROR", 100,
                "REPLAY OF", 100);
        for (Document d : reports) {
            t.row(d.get("service"), d.get("host"), d.get("pid"), d.get("updated_at"), d.get("ended_at"), state(d, now), d.get("captured"),
                    d.get("written"), d.get("suppressed"), d.get("suppressed_after_capture"), d.get("spooled"), d.get("replayed"), d.get("sampled"), d.get("not_recorded"),
                    d.get("self"), d.get("dropped_total"),
                    byReason(d.get("dropped")), d.get("lost_at_exit"), d.get("group_counts_lost"), d.get("queue_depth"), d.get("agent_version"),
                    lastWriteError(d), d.get("spool_error"), d.get("replay_dir"));
        }
        if (t.isEmpty()) {
            s.out.println("no agent has reported into " + s.where());
        } else {
            t.print(s.out);
        }
        return 0;
    }

    /**
     * The report's {@code mongo_state}, and how long it has been silent when a JVM that did not exit
     * has not reported for {@link #SILENT_MILLIS} (a running one reports every 10 s): killed, hung,
     * or cut off from MongoDB, whose reports then wait in its spool (a user's trial read a killed
     * JVM's row as a live one).
     */
    static String state(Document d, long now) {
        Object state = d.get("mongo_state");
        Object updated = d.get("updated_at");
        if (d.get("ended_at") != null || !(updated instanceof java.util.Date)) {
            return state == null ? null : String.valueOf(state);
        }
        long silent = now - ((java.util.Date) updated).getTime();
        return silent < SILENT_MILLIS ? String.valueOf(state) : state + ", silent " + (silent / 60_000) + "m";
    }

    /** Six report intervals. */
    static final long SILENT_MILLIS = 60_000;

    /**
     * {@code <time> <error>}: the last write error with when it happened, so that one from before
     * a recovery is not read as a current one (a user's trial); reports of earlier versions have no time.
     */
    private static String lastWriteError(Document d) {
        Object error = d.get("last_write_error");
        Object at = d.get("last_write_error_at");
        if (error == null) {
            return null;
        }
        return at instanceof java.util.Date ? Text.time((java.util.Date) at) + " " + error : String.valueOf(error);
    }

    /** {@code queue_full=3 spool_full=1}: the reasons with a count above zero. */
    private static String byReason(Object dropped) {
        if (!(dropped instanceof Document)) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (java.util.Map.Entry<String, Object> e : ((Document) dropped).entrySet()) {
            if (e.getValue() instanceof Number && ((Number) e.getValue()).longValue() > 0) {
                b.append(b.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return b.length() == 0 ? null : b.toString();
    }
}
