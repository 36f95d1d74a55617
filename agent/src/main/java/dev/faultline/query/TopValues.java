package dev.faultline.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The most frequent values of each context key (and of host, service, release, user and job)
 * among a group's latest occurrences: which users, which jobs, which hosts. Counted here, over at
 * most {@link #SAMPLE} occurrences, so that it works on every MongoDB (and on the in-process test
 * server, which lacks {@code $objectToArray}); {@code sampled} says how many were read.
 */
final class TopValues {
    /** Occurrences read, newest first. */
    static final int SAMPLE = 1000;
    /** Keys shown, those carried by the most occurrences first. */
    static final int KEYS = 20;
    /** Values shown per key. */
    static final int VALUES = 5;
    private static final String[] FIELDS = {"host", "service", "release", "user_id", "job_id"};

    private TopValues() {
    }

    /** {@code {sampled, keys: [{key, occurrences, values: [{value, count}]}]}} for the group's occurrences. */
    static Document of(Database db, String fingerprint) {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        int sampled = 0;
        for (Document o : db.errors().find(Filters.eq("fingerprint", fingerprint))
                .projection(Projections.include(append(FIELDS, "context")))
                .sort(Sorts.descending("timestamp")).limit(SAMPLE)) {
            sampled++;
            for (String field : FIELDS) {
                count(counts, field, o.get(field));
            }
            Object context = o.get("context");
            if (context instanceof Document) {
                for (Map.Entry<String, Object> e : ((Document) context).entrySet()) {
                    count(counts, "context." + e.getKey(), e.getValue());
                }
            }
        }
        List<Document> keys = new ArrayList<>();
        counts.entrySet().stream()
                .sorted((a, b) -> Integer.compare(total(b.getValue()), total(a.getValue())))
                .limit(KEYS)
                .forEach(e -> keys.add(new Document("key", e.getKey()).append("occurrences", total(e.getValue()))
                        .append("values", top(e.getValue()))));
        return new Document("sampled", sampled).append("keys", keys);
    }

    private static void count(Map<String, Map<String, Integer>> counts, String key, Object value) {
        if (value == null || value.toString().isEmpty()) {
            return;
        }
        counts.computeIfAbsent(key, k -> new HashMap<>()).merge(value.toString(), 1, Integer::sum);
    }

    private static int total(Map<String, Integer> values) {
        int n = 0;
        for (int c : values.values()) {
            n += c;
        }
        return n;
    }

    private static List<Document> top(Map<String, Integer> values) {
        List<Document> out = new ArrayList<>();
        values.entrySet().stream()
                .sorted((a, b) -> b.getValue() != a.getValue().intValue() ? Integer.compare(b.getValue(), a.getValue())
                        : a.getKey().compareTo(b.getKey()))
                .limit(VALUES)
                .forEach(e -> out.add(new Document("value", e.getKey()).append("count", e.getValue())));
        return out;
    }

    private static String[] append(String[] fields, String more) {
        String[] all = java.util.Arrays.copyOf(fields, fields.length + 1);
        all[fields.length] = more;
        return all;
    }
}
