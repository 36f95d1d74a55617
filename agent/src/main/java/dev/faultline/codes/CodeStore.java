package dev.faultline.codes;

import com.mongodb.client.model.WriteModel;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What {@link CodeUpdates} needs of MongoDB's {@code error_codes} collection. Each call throws
 * when MongoDB fails or does not answer in time; the caller then keeps the writes for later.
 */
public interface CodeStore {
    /** Ordered writes, as one bulk write. */
    void writeCodes(List<WriteModel<Document>> writes);

    /**
     * Upserts the source's active episode of open key {@code openKey} ({@link CodeUpdates#keyFilter})
     * and returns it as stored after the update: the one this call inserted, or the one another
     * JVM of the source had opened. A duplicate key is answered by trying again: another JVM
     * inserted it at the same moment (found then), or an ended episode still holds the key (an
     * agent before open keys cleared it by id): the key is taken from it first.
     */
    Document openEpisode(String openKey, Bson update);

    /** One update; the document after it, or null when {@code filter} matched none. */
    Document updateCode(Bson filter, Bson update);
}
