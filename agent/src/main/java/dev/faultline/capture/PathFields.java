package dev.faultline.capture;

import dev.faultline.bootstrap.CapturedEvent;
import org.bson.Document;

/**
 * The fields only some capture paths fill, added to a finished {@code app_errors} document: the
 * Log4j2 marker ({@code data.marker}). Kept apart from {@link RecordFactory} so that the paths
 * and the record's general shape evolve separately.
 */
final class PathFields {
    private PathFields() {
    }

    static void addTo(Document doc, CapturedEvent e) {
        if (e.marker != null) {
            Object data = doc.get("data");
            if (data instanceof Document) {
                ((Document) data).append("marker", e.marker);
            }
        }
    }
}
