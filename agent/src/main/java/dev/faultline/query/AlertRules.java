package dev.faultline.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import dev.faultline.alert.AlertRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;

/**
 * The {@code alert_rules} collection for the CLI and the console (ALERTS.md): list (the built-in
 * defaults, marked {@code default: true}, while none is stored), add, remove. Adding the first
 * rule stores the defaults beside it, so that adding a rule never silently ends the new-group and
 * regression notices; remove them by id when they are not wanted.
 */
public final class AlertRules {
    private final Database db;

    public AlertRules(Database db) {
        this.db = db;
    }

    public List<Document> list() {
        List<Document> stored = db.alertRules().find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        if (!stored.isEmpty()) {
            return stored;
        }
        List<Document> defaults = new ArrayList<>();
        for (AlertRule rule : AlertRule.defaults()) {
            defaults.add(rule.toDocument().append("default", true));
        }
        return defaults;
    }

    /**
     * Adds a rule from the fields {@code id} (optional), {@code kind}, {@code channels} (a list or
     * a comma list), {@code min_severity}, {@code service}, {@code environment}, {@code app},
     * {@code threshold}, {@code window}; throws {@link InvalidParameter} naming the field that is wrong.
     */
    public Document add(Map<String, ?> fields) {
        for (String name : fields.keySet()) {
            if (!FIELDS.contains(name)) {
                throw new InvalidParameter(name, "one of " + FIELDS);
            }
        }
        String kind = text(fields, "kind");
        String id = text(fields, "id");
        if (id == null) {
            id = (kind == null ? "rule" : kind) + "-" + UUID.randomUUID().toString().substring(0, 8);
        } else if (id.length() > 100) {
            throw new InvalidParameter("id", "an id of at most 100 characters");
        }
        AlertRule rule;
        try {
            rule = new AlertRule(id, kind, channels(fields.get("channels")), text(fields, "min_severity"),
                    text(fields, "service"), text(fields, "environment"), text(fields, "app"), threshold(fields.get("threshold")),
                    text(fields, "window"));
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            int space = message.indexOf(' ');
            // AlertRule says "<field> must be <what is accepted>, not <value>".
            throw new InvalidParameter(message.substring(0, space), message.substring(space + 1).replaceFirst("^must be ", ""));
        }
        if (db.alertRules().countDocuments() == 0) {
            for (AlertRule d : AlertRule.defaults()) {
                db.alertRules().replaceOne(Filters.eq("_id", d.id), d.toDocument(), new ReplaceOptions().upsert(true));
            }
        }
        Document doc = rule.toDocument();
        insertUnique(db.alertRules(), doc, "id", "an id no other rule has");
        return doc;
    }

    /** Inserts {@code doc}; a duplicate {@code _id} is an {@link InvalidParameter} on {@code parameter}. */
    static void insertUnique(com.mongodb.client.MongoCollection<Document> collection, Document doc, String parameter, String expected) {
        try {
            collection.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new InvalidParameter(parameter, expected);
            }
            throw e;
        }
    }

    /** Whether a rule with this id was there to remove. */
    public boolean remove(String id) {
        return db.alertRules().deleteOne(Filters.eq("_id", id)).getDeletedCount() > 0;
    }

    private static final List<String> FIELDS = Arrays.asList("id", "kind", "channels", "min_severity", "service",
            "environment", "app", "threshold", "window");

    private static String text(Map<String, ?> fields, String name) {
        Object v = fields.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String)) {
            throw new InvalidParameter(name, "a string");
        }
        String s = ((String) v).trim();
        return s.isEmpty() ? null : s;
    }

    private static List<String> channels(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof String) {
            for (String part : ((String) v).split(",")) {
                if (!part.trim().isEmpty()) {
                    out.add(part.trim());
                }
            }
        } else if (v instanceof List) {
            for (Object o : (List<?>) v) {
                if (!(o instanceof String)) {
                    throw new InvalidParameter("channels", "a list of channel names " + AlertRule.CHANNELS);
                }
                out.add((String) o);
            }
        } else if (v != null) {
            throw new InvalidParameter("channels", "a list of channel names " + AlertRule.CHANNELS);
        }
        return out;
    }

    private static long threshold(Object v) {
        if (v == null) {
            return 10;
        }
        if (v instanceof Number && ((Number) v).doubleValue() == ((Number) v).longValue()) {
            return ((Number) v).longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameter("threshold", "a whole number of occurrences, 1 or more");
        }
    }
}
