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
     * Upserts the episode {@code filter} names and returns it as stored after the update: the
     * one this call inserted, or the one another JVM of the source had opened. A duplicate key
     * (another JVM inserted it at the same moment) is answered by trying once more, which then
     * finds that JVM's episode.
     */
    Document openEpisode(Bson filter, Bson update);

    /** One update; true when it matched a document. */
    boolean updateCode(Bson filter, Bson update);
}
