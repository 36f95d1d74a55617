package dev.faultline.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.faultline.capture.GroupingRule;
import dev.faultline.capture.GroupingRules;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The {@code grouping_rules} collection for the CLI and the console (GROUPING.md, Grouping
 * rules): list (in the order agents apply them), add one rule written like a {@code grouping.rules}
 * entry, remove by id. Running agents apply a change within 10 seconds, to new occurrences only.
 */
public final class GroupingRuleList {
    private final Database db;

    public GroupingRuleList(Database db) {
        this.db = db;
    }

    public List<Document> list() {
        return db.groupingRules().find().sort(Sorts.ascending("created_at", "_id")).into(new ArrayList<>());
    }

    /**
     * Adds {@code rule} ({@code id: field=value & ... -> selector + ...}); a rule that does not
     * check, or an id already taken, is an {@link InvalidParameter} on {@code rule}.
     */
    public Document add(String rule, String by) {
        if (rule == null || rule.trim().isEmpty()) {
            throw new InvalidParameter("rule", "a rule \"id: field=value & field=value -> selector + selector\"");
        }
        List<GroupingRule> parsed;
        try {
            parsed = GroupingRules.parse(rule);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("rule", "a rule that checks: " + e.getMessage());
        }
        if (parsed.size() != 1) {
            throw new InvalidParameter("rule", "exactly one rule (no ;)");
        }
        Document doc = parsed.get(0).toDocument().append("created_by", by).append("created_at", new Date());
        AlertRules.insertUnique(db.groupingRules(), doc, "rule", "an id no other grouping rule has");
        return doc;
    }

    /** Whether a rule with this id was there to remove. */
    public boolean remove(String id) {
        return db.groupingRules().deleteOne(Filters.eq("_id", id)).getDeletedCount() > 0;
    }
}
