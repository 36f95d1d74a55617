package dev.faultline.alert;

import java.util.List;
import org.bson.Document;

/** What alerts need of MongoDB; used on the writer thread only (the writer's connection). */
public interface AlertStore {
    /** Every {@code alert_rules} document. */
    List<Document> alertRules();

    /** Stores notices (sent or failed) in {@code notices}. */
    void insertNotices(List<Document> notices);
}
