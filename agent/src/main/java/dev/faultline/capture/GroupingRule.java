package dev.faultline.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.bson.Document;

/**
 * One grouping rule (GROUPING.md, Grouping rules): conditions on the finished record (root cause
 * {@code type}, {@code logger}, {@code app} and {@code context.<key>} exact, {@code message} a
 * regular expression found in the message or else the template) and the values its fingerprint
 * is made of. Immutable; matched on the writer thread only.
 */
public final class GroupingRule {
    /** What a fingerprint may be made of, besides {@code context.<key>}. */
    static final List<String> SELECTORS = List.of("type", "message", "logger", "app");
    private static final String CONTEXT = "context.";
    private static final int MAX_ID = 200;
    private static final Pattern CONTEXT_SELECTOR = Pattern.compile("context\\.[^\\s=&+;]+");
    /**
     * Characters a {@code message} condition may read on one record (message and template
     * together) before the rule gives up on it: a backtracking expression such as
     * {@code (x+x+)+y} on a long message would otherwise hold the writer for hours. A linear
     * expression reads each character a few times, so 8192 characters (the default
     * {@code max.message-length}) are far below it; one that runs out costs the writer a few
     * milliseconds for that record (GROUPING.md, Grouping rules).
     */
    static final int MAX_READS = 1_000_000;

    public final String id;
    private final String type;
    private final Pattern message;
    private final String logger;
    private final String app;
    private final Map<String, String> context;
    private final List<String> fingerprint;
    private final Map<String, String> conditions;

    private GroupingRule(Map<String, String> conditions, String id, String type, Pattern message, String logger, String app,
            Map<String, String> context, List<String> fingerprint) {
        this.id = id;
        this.type = type;
        this.message = message;
        this.logger = logger;
        this.app = app;
        this.context = context;
        this.fingerprint = fingerprint;
        this.conditions = conditions;
    }

    /**
     * A checked rule.
     *
     * @param conditions {@code type}, {@code message}, {@code logger}, {@code app}, {@code context.<key>}
     * @param fingerprint selectors: {@code type}, {@code message}, {@code logger}, {@code app}, {@code context.<key>}
     * @throws IllegalArgumentException naming the rule and the field that is wrong
     */
    public static GroupingRule of(String id, Map<String, String> conditions, List<String> fingerprint) {
        if (id == null || id.trim().isEmpty() || id.length() > MAX_ID) {
            throw new IllegalArgumentException("grouping rule: id must be 1 to " + MAX_ID + " characters");
        }
        Map<String, String> context = new LinkedHashMap<String, String>();
        Pattern message = null;
        for (Map.Entry<String, String> c : conditions.entrySet()) {
            String field = c.getKey();
            if (c.getValue() == null || c.getValue().isEmpty()) {
                throw bad(id, field, "an empty value");
            }
            if (field.startsWith(CONTEXT) && field.length() > CONTEXT.length()) {
                context.put(field.substring(CONTEXT.length()), c.getValue());
            } else if (field.equals("message")) {
                try {
                    message = Pattern.compile(c.getValue());
                } catch (PatternSyntaxException e) {
                    throw bad(id, field, "a Java regular expression (" + e.getDescription() + ")");
                }
            } else if (!SELECTORS.contains(field)) {
                throw new IllegalArgumentException("grouping rule " + id + ": unknown field \"" + field
                        + "\" (expected type, message, logger, app or context.<key>)");
            }
        }
        for (String s : fingerprint) {
            if (!SELECTORS.contains(s) && !CONTEXT_SELECTOR.matcher(s).matches()) {
                throw bad(id, "fingerprint", "type, message, logger, app or context.<key>, not \"" + s + "\"");
            }
            if (s.equals("message") && message == null) {
                throw bad(id, "fingerprint", "a message condition for the selector \"message\"");
            }
        }
        if (conditions.isEmpty() && fingerprint.isEmpty()) {
            throw bad(id, "fingerprint", "at least one condition or selector (this rule would put every error in one group)");
        }
        return new GroupingRule(Collections.unmodifiableMap(new LinkedHashMap<String, String>(conditions)), id, conditions.get("type"), message, conditions.get("logger"), conditions.get("app"),
                Collections.unmodifiableMap(context), List.copyOf(fingerprint));
    }

    /** The rule as stored in {@code grouping_rules} (GroupingRules#fromDocument reads it back). */
    public Document toDocument() {
        Document d = new Document("_id", id);
        Document ctx = new Document();
        for (Map.Entry<String, String> c : conditions.entrySet()) {
            if (c.getKey().startsWith(CONTEXT)) {
                ctx.append(c.getKey().substring(CONTEXT.length()), c.getValue());
            } else {
                d.append(c.getKey(), c.getValue());
            }
        }
        if (!ctx.isEmpty()) {
            d.append("context", ctx);
        }
        return d.append("fingerprint", fingerprint);
    }

    private static IllegalArgumentException bad(String id, String field, String expected) {
        return new IllegalArgumentException("grouping rule " + id + ": field " + field + " needs " + expected);
    }

    /**
     * The fingerprint this rule gives a finished {@code app_errors} document, or null when it does
     * not apply: a condition fails, or a selected value is missing.
     */
    String fingerprint(Document doc) {
        return fingerprint(doc, MAX_READS);
    }

    /** @throws TooSlow when the message condition reads more than {@code maxReads} characters */
    String fingerprint(Document doc, int maxReads) {
        String rootType = Occurrence.rootType(doc);
        if (type != null && !type.equals(rootType)
                || logger != null && !logger.equals(doc.getString("logger"))
                || app != null && !app.equals(doc.getString("app"))) {
            return null;
        }
        Document ctx = doc.get("context") instanceof Document ? (Document) doc.get("context") : null;
        for (Map.Entry<String, String> c : context.entrySet()) {
            if (ctx == null || !c.getValue().equals(String.valueOf(ctx.get(c.getKey())))) {
                return null;
            }
        }
        String matched = null;
        if (message != null) {
            ReadBudget budget = new ReadBudget(maxReads);
            matched = find(message, doc.getString("message"), budget);
            if (matched == null) {
                matched = find(message, doc.getString("message_template"), budget);
            }
            if (matched == null) {
                return null;
            }
        }
        List<String> values = new ArrayList<String>(fingerprint.size());
        for (String s : fingerprint) {
            String v;
            if (s.equals("type")) {
                v = rootType;
            } else if (s.equals("message")) {
                v = matched;
            } else if (s.startsWith(CONTEXT)) {
                Object o = ctx == null ? null : ctx.get(s.substring(CONTEXT.length()));
                v = o == null ? null : String.valueOf(o);
            } else {
                v = doc.getString(s);
            }
            if (v == null) {
                return null;
            }
            values.add(s + "=" + v);
        }
        return Fingerprints.ofRule(id, values);
    }

    /** The capture groups (joined), or the whole match when the pattern has none; null without a match. */
    private static String find(Pattern p, String text, ReadBudget budget) {
        if (text == null) {
            return null;
        }
        Matcher m = p.matcher(budget.over(text));
        if (!m.find()) {
            return null;
        }
        if (m.groupCount() == 0) {
            return m.group();
        }
        StringBuilder b = new StringBuilder();
        for (int g = 1; g <= m.groupCount(); g++) {
            b.append(g > 1 ? "\u0000" : "").append(m.group(g) == null ? "" : m.group(g));
        }
        return b.toString();
    }

    /** A rule that gave up on a record: its message condition read more than its budget. */
    static final class TooSlow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooSlow(String id) {
            super("grouping rule " + id + ": its message condition read more than " + MAX_READS
                    + " characters of one record (a regular expression that backtracks)", null, false, false);
        }
    }

    /**
     * The text a regular expression reads, counting every character it reads: the JDK's matcher
     * has no timeout, but reads its input only through {@link CharSequence#charAt}, so running
     * out here stops it wherever it is in its backtracking. One budget per rule and record.
     */
    private final class ReadBudget implements CharSequence {
        private int left;
        private String text = "";

        ReadBudget(int reads) {
            left = reads;
        }

        CharSequence over(String s) {
            text = s;
            return this;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new TooSlow(id);
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, end); // a group's value, taken after the match
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
