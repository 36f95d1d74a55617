package dev.faultline.query;

import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** The {@code agent_health} documents: which JVMs report, what they wrote and dropped. */
public final class HealthReports {
    /** One document per JVM that ever ran the agent: enough for any fleet a person reads in a list. */
    public static final int LIMIT = 500;

    private final Database db;

    public HealthReports(Database db) {
        this.db = db;
    }

    /** Most recently refreshed first. */
    public List<Document> list() {
        return db.health().find().sort(Sorts.descending("updated_at")).limit(LIMIT).into(new ArrayList<>());
    }
}
