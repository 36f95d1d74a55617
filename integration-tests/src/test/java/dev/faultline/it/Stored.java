package dev.faultline.it;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Reads what the agent stored, polling with a deadline (never sleeping as synchronisation). */
final class Stored {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    final String database;
    private final MongoDatabase db;

    private Stored(String database) {
        this.database = database;
        this.db = MongoSource.get().client().getDatabase(database);
    }

    /** A database of its own for one test class. */
    static Stored fresh() {
        return new Stored("it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    MongoCollection<Document> errors() {
        return db.getCollection("app_errors");
    }

    MongoCollection<Document> health() {
        return db.getCollection("agent_health");
    }

    /** Waits until at least {@code n} documents match, then returns all matches, oldest first. */
    List<Document> await(MongoCollection<Document> collection, Bson filter, int n) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            List<Document> found = collection.find(filter).sort(Sorts.ascending("timestamp")).into(new ArrayList<>());
            if (found.size() >= n || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(50); // polling interval, bounded by the deadline above
        }
    }

    List<Document> all() {
        return errors().find().sort(Sorts.ascending("timestamp")).into(new ArrayList<>());
    }
}
