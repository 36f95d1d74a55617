package dev.faultline.capture;

import dev.faultline.bootstrap.CapturedEvent;
import org.bson.Document;

/**
 * The fields only some capture paths fill, added to a finished {@code app_errors} document: the
 * web request in progress ({@code request}, and {@code user_id} from its principal when no
 * context key gave one) and the Log4j2 marker ({@code data.marker}). Kept apart from
 * {@link RecordFactory} so that the paths and the record's general shape evolve separately.
 */
final class PathFields {
    private PathFields() {
    }

    static void addTo(Document doc, CapturedEvent e, int maxLength) {
        if (e.marker != null) {
            Object data = doc.get("data");
            if (data instanceof Document) {
                ((Document) data).append("marker", e.marker);
            }
        }
        if (e.requestMethod == null && e.requestPath == null) {
            return;
        }
        doc.put("request", new Document("method", e.requestMethod)
                .append("path", Safe.cap(e.requestPath, maxLength))
                .append("query", Safe.cap(QueryRedaction.redact(e.requestQuery), maxLength))
                .append("user", e.requestUser)
                .append("status", e.requestStatus > 0 ? e.requestStatus : null));
        if (doc.get("user_id") == null && e.requestUser != null) {
            doc.put("user_id", e.requestUser);
        }
    }
}
