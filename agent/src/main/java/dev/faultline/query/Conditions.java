package dev.faultline.query;

import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Collects the conditions of one query; all must hold. */
final class Conditions {
    private final List<Bson> all = new ArrayList<>();

    void add(Bson condition) {
        all.add(condition);
    }

    /** A literal match: the value is a Java String/Number/Boolean, never interpreted. */
    void equal(String field, Object value) {
        if (value != null) {
            all.add(Filters.eq(field, value));
        }
    }

    void contains(String field, String text) {
        if (text != null) {
            all.add(Contains.field(field, text));
        }
    }

    Bson build() {
        if (all.isEmpty()) {
            return new Document();
        }
        return all.size() == 1 ? all.get(0) : Filters.and(all);
    }
}
