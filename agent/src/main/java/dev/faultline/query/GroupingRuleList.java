package dev.faultline.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.faultline.capture.GroupingRule;
import dev.faultline.capture.GroupingRules;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * The rules of {@code grouping.rules} as the agents report them in {@code agent_health} (the
     * latest 1,000 reports), each once, in the order written, with {@code agents}: the
     * {@code service on host (pid N)} of every report that configured it. A reported text that
     * does not parse (written there by hand) is one entry with {@code text} and {@code problem}.
     */
    public List<Document> configured() {
        Map<String, List<String>> byText = new LinkedHashMap<>();
        for (Document h : db.health().find(Filters.type("grouping_rules", "string"))
                .sort(Sorts.descending("updated_at")).limit(1000)) {
            byText.computeIfAbsent(h.getString("grouping_rules"), t -> new ArrayList<>())
                    .add(h.get("service") + " on " + h.get("host") + " (pid " + h.get("pid") + ")");
        }
        List<Document> out = new ArrayList<>();
        Map<String, Document> byRule = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : byText.entrySet()) {
            try {
                for (GroupingRule rule : GroupingRules.parse(e.getKey())) {
                    Document doc = rule.toDocument();
                    Document seen = byRule.putIfAbsent(doc.toJson(), doc.append("agents", new ArrayList<String>()));
                    (seen == null ? doc : seen).getList("agents", String.class).addAll(e.getValue());
                }
            } catch (IllegalArgumentException bad) {
                out.add(new Document("text", e.getKey()).append("problem", bad.getMessage()).append("agents", e.getValue()));
            }
        }
        out.addAll(0, byRule.values());
        return out;
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
