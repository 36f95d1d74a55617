package dev.faultline.query;

import java.util.List;
import org.bson.Document;

/** Finding one document by the id a person typed: occurrences by id, groups by fingerprint. */
public interface Lookup {
    /** The whole id, or the ids (at most two) a typed beginning matches; see {@link IdPrefix}. */
    List<String> matchingIds(String given);

    /** The document, or null when there is none with this id. */
    Document find(String id);
}
