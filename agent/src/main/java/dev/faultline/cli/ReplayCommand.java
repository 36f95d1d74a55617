package dev.faultline.cli;

import dev.faultline.capture.Identity;
import dev.faultline.config.Config;
import dev.faultline.config.ConfigException;
import dev.faultline.store.ReplayRun;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.bson.Document;

/**
 * {@code replay [--dir D]}: stores the spool files that agents left (after a crash, a kill -9, or
 * an exit while MongoDB was away) and removes them. Files of running JVMs are locked and left to
 * them; a record already stored is not stored or counted twice.
 */
final class ReplayCommand extends Command {
    ReplayCommand() {
        super("replay", "replay [--dir DIR] [--json]", "store what agents left in a spool directory (default: spool.dir), then remove it");
    }

    @Override
    Args.Spec spec() {
        return new Args.Spec().options("--dir");
    }

    @Override
    int run(Args args, Session s) throws UsageException {
        String given = args.option("--dir");
        Path dir;
        int batchSize;
        Identity who;
        try {
            Config config = s.config();
            dir = given == null ? config.spoolDir() : Paths.get(given);
            batchSize = config.batchSize();
            // The report of what this command stored carries the service as the agent's settings name it.
            who = Identity.of(config);
        } catch (ConfigException e) {
            throw UsageException.of(e);
        }
        ReplayRun run = ReplayRun.of(dir, s.uri(), s.databaseName(), batchSize, who);
        if (s.json) {
            s.printJson(new Document("dir", dir.toString()).append("files", run.files).append("replayed", run.replayed)
                    .append("rejected", run.rejected).append("corrupt_tails", run.corruptTails)
                    .append("groups_unwritten", run.groupsUnwritten).append("other_databases", run.otherDatabases));
        } else {
            s.out.println("stored " + run.replayed + " error(s) from " + run.files + " spool file(s) in " + dir + " into " + s.where());
            if (run.otherDatabases > 0) {
                s.out.println(run.otherDatabases + " file(s) for other databases left alone (named above): --database stores them");
            }
            if (run.rejected > 0) {
                s.out.println(run.rejected + " record(s) refused by MongoDB");
            }
            if (run.corruptTails > 0) {
                s.out.println(run.corruptTails + " file(s) had a damaged tail: the records before it were stored, the rest skipped");
            }
        }
        if (run.groupsUnwritten) {
            s.err.println("faultline: the occurrences are stored but their error_groups counts could not be written");
            return 1;
        }
        return 0;
    }
}
