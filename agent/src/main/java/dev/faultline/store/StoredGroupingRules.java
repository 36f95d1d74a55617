package dev.faultline.store;

import dev.faultline.capture.GroupingRule;
import dev.faultline.capture.GroupingRules;
import dev.faultline.core.Diag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * The rules of {@code grouping_rules} (GROUPING.md, Grouping rules), read like the merges: at each
 * connection and then every {@link Merges#REFRESH_NANOS}. A rule that does not check (a bad
 * regular expression written straight into MongoDB) is left out with one debug line, never
 * applied and never a failure of the writer. Writer thread only.
 */
final class StoredGroupingRules {
    private final GroupingRules rules;
    private final Set<String> reported = new HashSet<String>();
    private long nextRefreshAt = Long.MIN_VALUE;

    StoredGroupingRules(GroupingRules rules) {
        this.rules = rules;
    }

    /** Reads the rules when due (or now with {@code force}); a failure keeps the last known ones. */
    void refresh(Database db, long now, boolean force) {
        if (!force && now < nextRefreshAt) {
            return;
        }
        nextRefreshAt = now + Merges.REFRESH_NANOS;
        List<GroupingRule> fresh = new ArrayList<GroupingRule>();
        for (Document d : db.groupingRules()) {
            try {
                fresh.add(GroupingRules.fromDocument(d));
            } catch (IllegalArgumentException e) {
                if (reported.add(String.valueOf(d.get("_id")))) {
                    Diag.debug("stored " + e.getMessage() + "; left out");
                }
            }
        }
        rules.stored(fresh);
    }
}
