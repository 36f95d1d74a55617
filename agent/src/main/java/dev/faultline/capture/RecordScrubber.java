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
 * free text and redacted. The keys of a map inside free text are the application's (context
 * keys, map keys, field names) and are redacted too, before they are escaped.
 */
final class RecordScrubber {
    /** Top-level fields that hold code locations, identities or our own values, never free text. */
    private static final Set<String> STRUCTURAL = new HashSet<String>(Arrays.asList(
            "_id", "timestamp", "severity", "severity_num", "source", "handled", "logger", "thread", "app", "file",
            "function", "class", "line", "fingerprint", "error_code", "resolved", "resolved_by", "resolved_timestamp",
            "service", "environment", "release", "server_id", "node_name", "local_machine_name", "host", "pid"));

    /** Of {@link #STRUCTURAL}, the names an application makes up at run time: redacted as text too. */
    private static final Set<String> NAMED_BY_THE_APPLICATION = new HashSet<String>(Arrays.asList("thread", "logger"));

    /** Characters kept of a top-level name or identity ({@link #STRUCTURAL}: logger, thread, file, function...). */
    static final int MAX_NAME = 1024;

    private final Redactor redactor;

    RecordScrubber(Redactor redactor) {
        this.redactor = redactor;
    }

    Document scrub(Document record) {
        return map(record, (key, value) -> {
            if (key.equals("exception") && value instanceof Document) {
                return link((Document) value);
            } else if (key.equals("data") && value instanceof Document) {
                return data((Document) value);
            } else if (NAMED_BY_THE_APPLICATION.contains(key) && value instanceof String) {
                // Names, but the application's: a thread renamed per request carries its query (a trial's "worker password=x").
                return redactor.text(Safe.cap(Safe.clean((String) value), MAX_NAME));
            } else if (STRUCTURAL.contains(key)) {
                // A name, capped: a thread named with a million characters made a 1 MB record (a user's trial).
                return value instanceof String ? Safe.cap(Safe.clean((String) value), MAX_NAME) : clean(value);
            }
            return text(key, value);
        });
    }

    /** {@code data}: the trace was redacted as it was printed (see {@link StackTraceText}). */
    private Document data(Document data) {
        return map(data, (key, value) -> key.equals("trace") ? clean(value) : text(key, value));
    }

    /**
     * One throwable's document: its type and frames are code; message and fields are data.
     * Frames pass untouched: built by us from the JVM's stack trace elements, with our own
     * field names, and there are hundreds of them in every record.
     */
    private Document link(Document link) {
        return map(link, (key, value) -> {
            if (key.equals("frames")) {
                return value;
            } else if (key.equals("type")) {
                return clean(value);
            } else if (key.equals("causes") && value instanceof List) {
                return list((List<?>) value, cause -> cause instanceof Document ? link((Document) cause) : text(null, cause));
            }
            return text(key, value);
        });
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
            return map((Map<?, ?>) value, this::text, this::applicationName);
        }
        if (value instanceof List) {
            return list((List<?>) value, element -> text(null, element));
        }
        return value;
    }

    /** An application's key as stored: redacted, then escaped (escaping first would hide the dots some rules need). */
    private String applicationName(String key) {
        return ContextReader.fieldName(redactor.key(key));
    }

    /** Code and identities: only made storable. */
    private static Object clean(Object value) {
        if (value instanceof String) {
            return Safe.clean((String) value);
        }
        if (value instanceof Map) {
            return map((Map<?, ?>) value, (key, v) -> clean(v));
        }
        if (value instanceof List) {
            return list((List<?>) value, RecordScrubber::clean);
        }
        return value;
    }

    /** What a value becomes, given its field name. */
    private interface FieldValue {
        Object of(String key, Object value);
    }

    /**
     * {@code in} with each value mapped and each name escaped ({@link #put}). A Document in which
     * nothing changes is returned itself, not copied: most of a record's parts are already clean.
     */
    private static Document map(Map<?, ?> in, FieldValue values) {
        return map(in, values, ContextReader::fieldName);
    }

    /** {@link #map(Map, FieldValue)} with each name stored as {@code names} makes it. */
    private static Document map(Map<?, ?> in, FieldValue values, java.util.function.UnaryOperator<String> names) {
        Document out = null;
        int i = 0;
        for (Map.Entry<?, ?> e : in.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            Object mapped = values.of(key, value);
            String name = names.apply(key);
            if (out == null && (mapped != value || !(in instanceof Document) || !(e.getKey() instanceof String)
                    || !name.equals(key))) {
                // The first change: the entries before it are copied as they were (clean and unique).
                out = new Document();
                int j = 0;
                for (Map.Entry<?, ?> before : in.entrySet()) {
                    if (j++ == i) {
                        break;
                    }
                    out.put((String) before.getKey(), before.getValue());
                }
            }
            if (out != null) {
                // A name that collides after escaping or redaction gets a numeric suffix instead of overwriting.
                out.put(ContextReader.uniqueName(out, name), mapped);
            }
            i++;
        }
        return out != null ? out : (Document) in;
    }

    /** {@code in} with each element mapped; an ArrayList in which nothing changes is returned itself. */
    @SuppressWarnings("unchecked")
    private static List<Object> list(List<?> in, java.util.function.UnaryOperator<Object> elements) {
        List<Object> out = null;
        int i = 0;
        for (Object element : in) {
            Object mapped = elements.apply(element);
            if (out == null && (mapped != element || !(in instanceof ArrayList))) {
                out = new ArrayList<Object>(in.size());
                out.addAll(in.subList(0, i));
            }
            if (out != null) {
                out.add(mapped);
            }
            i++;
        }
        return out != null ? out : (List<Object>) in;
    }
}
