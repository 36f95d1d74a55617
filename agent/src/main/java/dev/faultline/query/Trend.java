package dev.faultline.query;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Occurrences per UTC day over the last {@link #DAYS} days for a set of fingerprints: one
 * {@code $group} with {@code $dateToString} over {@code app_errors} (no {@code $dateTrunc}, which
 * older servers and the in-process test server lack).
 */
final class Trend {
    static final int DAYS = 14;

    private Trend() {
    }

    /** Fingerprint to counts, oldest day first, today last; fingerprints without occurrences get zeros. */
    static Map<String, List<Integer>> daily(Database db, Collection<String> fingerprints, LocalDate today) {
        LocalDate first = today.minusDays(DAYS - 1);
        Date since = Date.from(first.atStartOfDay(ZoneOffset.UTC).toInstant());
        Map<String, Integer[]> counts = new HashMap<>();
        for (String f : fingerprints) {
            Integer[] zeros = new Integer[DAYS];
            Arrays.fill(zeros, 0);
            counts.put(f, zeros);
        }
        if (!fingerprints.isEmpty()) {
            Document day = new Document("$dateToString", new Document("format", "%Y-%m-%d").append("date", "$timestamp"));
            List<Document> rows = db.errors().aggregate(Arrays.asList(
                    Aggregates.match(Filters.and(Filters.in("fingerprint", fingerprints), Filters.gte("timestamp", since))),
                    Aggregates.group(new Document("f", "$fingerprint").append("d", day), Accumulators.sum("n", 1))))
                    .into(new ArrayList<>());
            for (Document row : rows) {
                Document key = row.get("_id", Document.class);
                Integer[] series = counts.get(key.getString("f"));
                int index = index(first, key.getString("d"));
                if (series != null && index >= 0 && index < DAYS) {
                    series[index] += ((Number) row.get("n")).intValue();
                }
            }
        }
        Map<String, List<Integer>> out = new HashMap<>();
        for (Map.Entry<String, Integer[]> e : counts.entrySet()) {
            out.put(e.getKey(), Arrays.asList(e.getValue()));
        }
        return out;
    }

    private static int index(LocalDate first, String day) {
        try {
            return (int) (LocalDate.parse(day).toEpochDay() - first.toEpochDay());
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
