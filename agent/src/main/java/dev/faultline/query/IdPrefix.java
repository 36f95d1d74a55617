package dev.faultline.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * Ids as people type them: the whole id, or a unique beginning of at least {@link #MIN_LENGTH}
 * characters (tables show fingerprints shortened). Only hex digits and '-' can form a prefix, so
 * the anchored {@code $regex} built from it has no special characters.
 */
public final class IdPrefix {
    public static final int MIN_LENGTH = 6;
    private static final Pattern PREFIX = Pattern.compile("[0-9a-fA-F-]{" + MIN_LENGTH + ",64}");

    private IdPrefix() {
    }

    /** Whether {@code given} looks like the beginning of an id but is too short to look one up by. */
    public static boolean tooShort(String given) {
        return given.length() < MIN_LENGTH && given.matches("[0-9a-fA-F-]+");
    }

    /** The id itself when it exists, else up to two ids starting with it (two means ambiguous). */
    static List<String> matching(MongoCollection<Document> collection, String given) {
        if (collection.find(Filters.eq("_id", given)).projection(Projections.include("_id")).first() != null) {
            return Collections.singletonList(given);
        }
        List<String> found = new ArrayList<>();
        if (PREFIX.matcher(given).matches()) {
            for (Document d : collection.find(Filters.regex("_id", "^" + given.toLowerCase()))
                    .projection(Projections.include("_id")).limit(2)) {
                found.add(String.valueOf(d.get("_id")));
            }
        }
        return found;
    }
}
