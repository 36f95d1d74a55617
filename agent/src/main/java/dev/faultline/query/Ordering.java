package dev.faultline.query;

import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.conversions.Bson;

/**
 * {@code ordering=-timestamp,app}: a comma list of allowed names, each optionally prefixed with
 * '-' for descending, mapped to stored fields. {@code _id} is appended as a tie-breaker so that
 * pages never overlap or skip documents with equal keys.
 */
final class Ordering {
    private Ordering() {
    }

    static Bson parse(String parameter, String value, String fallback, Map<String, String> fields) {
        String spec = value == null ? fallback : value;
        List<Bson> keys = new ArrayList<>();
        boolean firstDescending = false;
        for (String part : spec.split(",", -1)) {
            String name = part.trim();
            boolean descending = name.startsWith("-");
            if (descending) {
                name = name.substring(1);
            }
            String field = fields.get(name);
            if (field == null) {
                throw new InvalidParameter(parameter, "one of " + String.join(", ", fields.keySet()) + ", each optionally with '-' for descending");
            }
            if (keys.isEmpty()) {
                firstDescending = descending;
            }
            keys.add(descending ? Sorts.descending(field) : Sorts.ascending(field));
        }
        keys.add(firstDescending ? Sorts.descending("_id") : Sorts.ascending("_id"));
        return Sorts.orderBy(keys);
    }
}
