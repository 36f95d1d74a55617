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

    /** The report of one JVM (by host and process id), or null while it has not written one. */
    public Document forProcess(String host, long pid) {
        return db.health().find(com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.eq("host", host),
                com.mongodb.client.model.Filters.eq("pid", pid))).sort(Sorts.descending("updated_at")).first();
    }

    /** Most recently refreshed first. */
    public List<Document> list() {
        return db.health().find().sort(Sorts.descending("updated_at")).limit(LIMIT).into(new ArrayList<>());
    }
}
