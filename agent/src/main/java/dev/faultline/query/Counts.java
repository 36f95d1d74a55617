package dev.faultline.query;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

/** How many documents a list matches. */
final class Counts {
    private Counts() {
    }

    /**
     * The unfiltered list (the console's first page) takes the collection's count from its
     * metadata instead of walking 100 million documents; a filtered one counts what it matches.
     */
    static long of(MongoCollection<Document> collection, Bson filter) {
        if (filter.toBsonDocument().isEmpty()) {
            return collection.estimatedDocumentCount();
        }
        return collection.countDocuments(filter);
    }
}
