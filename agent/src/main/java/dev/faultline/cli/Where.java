package dev.faultline.cli;

import org.bson.Document;

/** "OrderService.java:42 placeOrder": where an occurrence or a group happened, for a table cell. */
final class Where {
    private Where() {
    }

    static String of(Document d) {
        Object file = d.get("file");
        Object line = d.get("line");
        Object function = d.get("function");
        StringBuilder b = new StringBuilder();
        if (file != null) {
            String f = String.valueOf(file);
            b.append(f.substring(f.lastIndexOf('/') + 1));
            if (line instanceof Number && ((Number) line).intValue() > 0) {
                b.append(':').append(line);
            }
        }
        if (function != null) {
            b.append(b.length() > 0 ? " " : "").append(function);
        }
        return b.toString();
    }
}
