package dev.faultline.cli;

import java.util.List;
import org.bson.Document;

/**
 * The stack trace of an occurrence as Java prints it: the stored {@code data.trace} when there is
 * one, else rebuilt from the structured {@code exception} (frames of the application's own code
 * marked with '>').
 */
final class Trace {
    private Trace() {
    }

    static String of(Document occurrence) {
        Object data = occurrence.get("data");
        if (data instanceof Document && ((Document) data).get("trace") instanceof String) {
            return (String) ((Document) data).get("trace");
        }
        Object exception = occurrence.get("exception");
        if (!(exception instanceof Document)) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        link(b, (Document) exception, "");
        Object causes = ((Document) exception).get("causes");
        if (causes instanceof List) {
            for (Object cause : (List<?>) causes) {
                if (cause instanceof Document) {
                    link(b, (Document) cause, "Caused by: ");
                }
            }
        }
        return b.toString();
    }

    private static void link(StringBuilder b, Document link, String prefix) {
        b.append(prefix).append(link.get("type"));
        if (link.get("message") != null) {
            b.append(": ").append(link.get("message"));
        }
        b.append('\n');
        Object frames = link.get("frames");
        if (frames instanceof List) {
            for (Object f : (List<?>) frames) {
                if (f instanceof Document) {
                    Document frame = (Document) f;
                    b.append(Boolean.TRUE.equals(frame.get("in_app")) ? ">\tat " : "\tat ")
                            .append(frame.get("class")).append('.').append(frame.get("method"))
                            .append('(').append(frame.get("file") == null ? "Unknown Source" : frame.get("file"));
                    if (frame.get("line") instanceof Number && ((Number) frame.get("line")).intValue() > 0) {
                        b.append(':').append(frame.get("line"));
                    }
                    b.append(")\n");
                }
            }
        }
    }
}
