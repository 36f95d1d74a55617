package dev.faultline.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The last step before a record is queued for writing: every field name made acceptable to
 * MongoDB, every string made valid UTF-8, and every secret redacted. It walks the finished
 * document, so parts added later (the {@code request} sub-document, extra {@code data}) are
 * covered without being named here: anything not known to be code or identity is treated as
 * free text and redacted.
 */
final class RecordScrubber {
    /** Top-level fields that hold code locations, identities or our own values, never free text. */
    private static final Set<String> STRUCTURAL = new HashSet<String>(Arrays.asList(
            "_id", "timestamp", "severity", "severity_num", "source", "handled", "logger", "thread", "app", "file",
            "function", "class", "line", "fingerprint", "error_code", "resolved", "resolved_by", "resolved_timestamp",
            "service", "environment", "release", "server_id", "node_name", "local_machine_name", "host", "pid"));

    private final Redactor redactor;

    RecordScrubber(Redactor redactor) {
        this.redactor = redactor;
    }

    Document scrub(Document record) {
        Document out = new Document();
        for (Map.Entry<String, Object> e : record.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.equals("exception") && value instanceof Document) {
                put(out, key, link((Document) value));
            } else if (key.equals("data") && value instanceof Document) {
                put(out, key, data((Document) value));
            } else if (STRUCTURAL.contains(key)) {
                put(out, key, clean(value));
            } else {
                put(out, key, text(key, value));
            }
        }
        return out;
    }

    /** {@code data}: the trace was redacted as it was printed (see {@link StackTraceText}). */
    private Document data(Document data) {
        Document out = new Document();
        for (Map.Entry<String, Object> e : data.entrySet()) {
            put(out, e.getKey(), e.getKey().equals("trace") ? clean(e.getValue()) : text(e.getKey(), e.getValue()));
        }
        return out;
    }

    /**
     * One throwable's document: its type and frames are code; message and fields are data.
     * Frames pass untouched: built by us from the JVM's stack trace elements, with our own
     * field names, and there are hundreds of them in every record.
     */
    private Document link(Document link) {
        Document out = new Document();
        for (Map.Entry<String, Object> e : link.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.equals("frames")) {
                out.put(key, value);
            } else if (key.equals("type")) {
                put(out, key, clean(value));
            } else if (key.equals("causes") && value instanceof List) {
                List<Object> causes = new ArrayList<Object>();
                for (Object cause : (List<?>) value) {
                    causes.add(cause instanceof Document ? link((Document) cause) : text(null, cause));
                }
                put(out, key, causes);
            } else {
                put(out, key, text(key, value));
            }
        }
        return out;
    }

    /** Free text: redacted by key, then by pattern; nested maps and lists alike. */
    private Object text(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (key != null && redactor.isSecretKey(key)) {
            return Redactor.MASK;
        }
        if (value instanceof String) {
            return redactor.text(Safe.clean((String) value));
        }
        if (value instanceof Map) {
            Document out = new Document();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                String childKey = String.valueOf(e.getKey());
                put(out, childKey, text(childKey, e.getValue()));
            }
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<Object>(((List<?>) value).size());
            for (Object element : (List<?>) value) {
                out.add(text(null, element));
            }
            return out;
        }
        return value;
    }

    /** Code and identities: only made storable. */
    private static Object clean(Object value) {
        if (value instanceof String) {
            return Safe.clean((String) value);
        }
        if (value instanceof Map) {
            Document out = new Document();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                put(out, String.valueOf(e.getKey()), clean(e.getValue()));
            }
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<Object>(((List<?>) value).size());
            for (Object element : (List<?>) value) {
                out.add(clean(element));
            }
            return out;
        }
        return value;
    }

    /** Escapes the name; a name that collides after escaping gets a numeric suffix instead of overwriting. */
    private static void put(Document out, String key, Object value) {
        out.put(ContextReader.uniqueName(out, ContextReader.fieldName(key)), value);
    }
}
