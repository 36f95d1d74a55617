package dev.faultline.it;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Reads what the agent stored in a database of the test's own, waiting with {@link Eventually}. */
final class Stored {
    final String database;
    private final MongoDatabase db;

    private Stored(String database) {
        this.database = database;
        this.db = MongoSource.get().client().getDatabase(database);
    }

    /** A fresh database named after the running test, checked by {@link AgentInvariants} after the class. */
    static Stored fresh() {
        return new Stored(TestDatabase.fresh());
    }

    MongoCollection<Document> collection(String name) {
        return db.getCollection(name);
    }

    MongoCollection<Document> errors() {
        return db.getCollection("app_errors");
    }

    MongoCollection<Document> health() {
        return db.getCollection("agent_health");
    }

    /** Waits until at least {@code n} documents match, then returns all matches, oldest first. */
    List<Document> await(MongoCollection<Document> collection, Bson filter, int n) {
        return Eventually.await(n + " documents in " + collection.getNamespace() + " matching " + filter,
                () -> collection.find(filter).sort(Sorts.ascending("timestamp")).into(new ArrayList<>()), found -> found.size() >= n);
    }

    List<Document> all() {
        return errors().find().sort(Sorts.ascending("timestamp")).into(new ArrayList<>());
    }
}
