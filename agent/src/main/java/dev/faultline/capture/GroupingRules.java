package dev.faultline.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * The grouping rules in force: those of {@code grouping.rules} first, in the order written, then
 * those stored in {@code grouping_rules} (oldest first); the first that applies sets the
 * fingerprint (GROUPING.md, Grouping rules). Writer thread only.
 */
public final class GroupingRules {
    private final List<GroupingRule> configured;
    private List<GroupingRule> stored = List.of();
    /** By rule id, the records a rule was skipped for (agent_health.grouping_rules_skipped); read by the health report. */
    private final ConcurrentMap<String, AtomicLong> skipped = new ConcurrentHashMap<String, AtomicLong>();

    public GroupingRules(List<GroupingRule> configured) {
        this.configured = List.copyOf(configured);
    }

    /** Replaces the rules read from MongoDB. */
    public void stored(List<GroupingRule> rules) {
        stored = List.copyOf(rules);
    }

    /**
     * The fingerprint of the first rule that applies to a finished record, or null (the built-in
     * one stays). Records of an error code keep the code's group: the code is the grouping the
     * application chose.
     */
    String fingerprint(Document doc) {
        if (doc.get("error_code") != null) {
            return null;
        }
        String fp = first(configured, doc);
        return fp != null ? fp : first(stored, doc);
    }

    /**
     * By rule id, the records a rule was skipped for: its regular expression read more than
     * {@link GroupingRule#MAX_READS} characters of the record, or overflowed the stack. Such a
     * record went on to the next rule, and kept the built-in fingerprint when none applied.
     */
    public Map<String, Long> skipped() {
        Map<String, Long> out = new TreeMap<String, Long>();
        skipped.forEach((id, n) -> out.put(id, n.get()));
        return out;
    }

    private String first(List<GroupingRule> rules, Document doc) {
        for (GroupingRule r : rules) {
            String fp;
            try {
                fp = r.fingerprint(doc);
            } catch (RuntimeException | StackOverflowError e) {
                skipped.computeIfAbsent(r.id, id -> new AtomicLong()).incrementAndGet();
                continue;
            }
            if (fp != null) {
                return fp;
            }
        }
        return null;
    }

    /**
     * The rules of {@code grouping.rules}: {@code id: cond & cond -> selector + selector}, rules
     * separated by {@code ;}, a condition {@code field=value}. A regular expression that needs
     * {@code ;}, {@code &} or {@code ->} writes {@code \x3B}, {@code \x26} or {@code -\x3E}.
     *
     * @throws IllegalArgumentException naming the rule and the field that is wrong
     */
    public static List<GroupingRule> parse(String text) {
        List<GroupingRule> rules = new ArrayList<GroupingRule>();
        for (String part : text.split(";")) {
            if (part.trim().isEmpty()) {
                continue;
            }
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("grouping rule \"" + part.trim() + "\": expected id: conditions -> fingerprint");
            }
            String id = part.substring(0, colon).trim();
            String rest = part.substring(colon + 1);
            int arrow = rest.indexOf("->");
            String conditionText = arrow < 0 ? rest : rest.substring(0, arrow);
            Map<String, String> conditions = new LinkedHashMap<String, String>();
            for (String c : conditionText.split("&")) {
                if (c.trim().isEmpty()) {
                    continue;
                }
                int eq = c.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("grouping rule " + id + ": condition \"" + c.trim() + "\" needs field=value");
                }
                conditions.put(c.substring(0, eq).trim(), c.substring(eq + 1).trim());
            }
            List<String> fingerprint = new ArrayList<String>();
            if (arrow >= 0) {
                for (String s : rest.substring(arrow + 2).split("\\+")) {
                    if (!s.trim().isEmpty()) {
                        fingerprint.add(s.trim());
                    }
                }
            }
            rules.add(GroupingRule.of(id, conditions, fingerprint));
        }
        return rules;
    }

    /**
     * A rule as stored in {@code grouping_rules}: {@code _id}, the conditions {@code type},
     * {@code message}, {@code logger}, {@code app}, {@code context} (a document of key: value) and
     * {@code fingerprint} (a list of selectors).
     *
     * @throws IllegalArgumentException naming the rule and the field that is wrong
     */
    public static GroupingRule fromDocument(Document d) {
        Map<String, String> conditions = new LinkedHashMap<String, String>();
        for (String field : GroupingRule.SELECTORS) {
            Object v = d.get(field);
            if (v != null) {
                conditions.put(field, v instanceof String ? (String) v : "");
            }
        }
        Object context = d.get("context");
        if (context instanceof Document) {
            for (Map.Entry<String, Object> e : ((Document) context).entrySet()) {
                conditions.put("context." + e.getKey(), e.getValue() instanceof String ? (String) e.getValue() : "");
            }
        } else if (context != null) {
            throw new IllegalArgumentException("grouping rule " + d.get("_id") + ": field context needs a document of key: value");
        }
        List<String> fingerprint = new ArrayList<String>();
        Object selectors = d.get("fingerprint");
        if (selectors instanceof List) {
            for (Object s : (List<?>) selectors) {
                fingerprint.add(String.valueOf(s));
            }
        } else if (selectors != null) {
            throw new IllegalArgumentException("grouping rule " + d.get("_id") + ": field fingerprint needs a list of selectors");
        }
        return GroupingRule.of(d.get("_id") instanceof String ? (String) d.get("_id") : null, conditions, fingerprint);
    }
}
