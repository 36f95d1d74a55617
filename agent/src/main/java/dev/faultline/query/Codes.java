package dev.faultline.query;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** Error-code history (issue 3, item 12): episodes by code, active only, newest first, limited. */
public final class Codes {
    private final Database db;

    public Codes(Database db) {
        this.db = db;
    }

    public List<Document> history(CodeQuery q) {
        return db.codes().find(q.filter).sort(q.sort).limit(q.limit).into(new ArrayList<>());
    }
}
