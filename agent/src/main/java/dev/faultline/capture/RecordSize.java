package dev.faultline.capture;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/**
 * Keeps every record at or under {@link #MAX_BYTES} of BSON, whatever the input. Most records
 * are far below: an upper bound computed from string lengths settles those without encoding.
 * Above it, the record is encoded and measured, and shrunk step by step (trace, then frames,
 * context and fields, then texts, then everything but the headline) until it fits. A shrunk
 * record says so in {@code size_capped} (its size in bytes before shrinking).
 */
final class RecordSize {
    static final int MAX_BYTES = 1024 * 1024;
    private static final DocumentCodec CODEC = new DocumentCodec();

    private RecordSize() {
    }

    static Document fit(Document record) {
        return fit(record, MAX_BYTES);
    }

    static Document fit(Document record, int maxBytes) {
        if (upperBound(record) <= maxBytes) {
            return record;
        }
        int original = encodedSize(record);
        if (original <= maxBytes) {
            return record;
        }
        // Shrunk in a copy: parts of a record may be shared with others (RecordFactory's frame documents).
        Document d = (Document) copy(record);
        for (int step = 0; step < 5; step++) {
            shrink(d, step);
            d.put("size_capped", original);
            if (encodedSize(d) <= maxBytes) {
                return d;
            }
        }
        throw new AssertionError("a record of headline fields alone exceeds " + maxBytes + " bytes");
    }

    /** A deep copy of the maps and lists in {@code value}; other values are shared (immutable). */
    private static Object copy(Object value) {
        if (value instanceof Map) {
            Document out = new Document();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                out.put((String) e.getKey(), copy(e.getValue()));
            }
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<Object>(((List<?>) value).size());
            for (Object element : (List<?>) value) {
                out.add(copy(element));
            }
            return out;
        }
        return value;
    }

    static int encodedSize(Document d) {
        return new RawBsonDocument(d, CODEC).getByteBuffer().remaining();
    }

    private static void shrink(Document d, int step) {
        switch (step) {
            case 0:
                capStrings(d.get("data"), 16 * 1024);
                break;
            case 1:
                capFrames(d.get("exception"), 32);
                capStrings(d.get("context"), 512);
                capStrings(exceptionPart(d, "fields"), 256);
                capStrings(d.get("request"), 2048);
                break;
            case 2:
                capStrings(d, 1024);
                capFrames(d.get("exception"), 8);
                break;
            case 3:
                for (String bulky : new String[] {"data", "context", "request", "breadcrumbs"}) {
                    if (d.get(bulky) != null) {
                        d.put(bulky, null);
                    }
                }
                capFrames(d.get("exception"), 0);
                capStrings(d, 256);
                break;
            default:
                Document e = d.get("exception", Document.class);
                if (e != null) {
                    d.put("exception", new Document("type", e.get("type")).append("message", e.get("message")));
                }
                capStrings(d, 128);
                break;
        }
    }

    private static Object exceptionPart(Document d, String key) {
        Object e = d.get("exception");
        return e instanceof Document ? ((Document) e).get(key) : null;
    }

    /** Every string inside {@code value} cut to {@code max} characters. */
    @SuppressWarnings("unchecked")
    private static void capStrings(Object value, int max) {
        if (value instanceof Map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                Object v = e.getValue();
                if (v instanceof String) {
                    e.setValue(Safe.cap((String) v, max));
                } else {
                    capStrings(v, max);
                }
            }
        } else if (value instanceof List) {
            List<Object> list = (List<Object>) value;
            for (int i = 0; i < list.size(); i++) {
                Object v = list.get(i);
                if (v instanceof String) {
                    list.set(i, Safe.cap((String) v, max));
                } else {
                    capStrings(v, max);
                }
            }
        }
    }

    /** Each throwable keeps its top frames only, up to {@code max}. */
    private static void capFrames(Object exception, int max) {
        if (!(exception instanceof Document)) {
            return;
        }
        List<Object> links = new ArrayList<Object>();
        links.add(exception);
        Object causes = ((Document) exception).get("causes");
        if (causes instanceof List) {
            links.addAll((List<?>) causes);
        }
        for (Object link : links) {
            if (link instanceof Document) {
                Object frames = ((Document) link).get("frames");
                if (frames instanceof List && ((List<?>) frames).size() > max) {
                    List<?> all = (List<?>) frames;
                    ((Document) link).put("frames", new ArrayList<Object>(all.subList(0, max)));
                    Object before = ((Document) link).get("frames_omitted");
                    int omitted = (before instanceof Integer ? (Integer) before : 0) + all.size() - max;
                    ((Document) link).put("frames_omitted", omitted);
                }
            }
        }
    }

    /**
     * At least the encoded size: each char is at most 3 bytes of UTF-8, each field costs a type
     * byte, its name and a terminator, and fixed-size values at most 8 bytes (12 for ids).
     */
    static long upperBound(Object value) {
        if (value == null || value instanceof Boolean) {
            return 1;
        }
        if (value instanceof String) {
            return 5 + 3L * ((String) value).length();
        }
        if (value instanceof Number || value instanceof Date) {
            return 16;
        }
        if (value instanceof Map) {
            long size = 5;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                size += 2 + 3L * String.valueOf(e.getKey()).length() + upperBound(e.getValue());
            }
            return size;
        }
        if (value instanceof List) {
            long size = 5;
            for (Object element : (List<?>) value) {
                size += 2 + 10 + upperBound(element);
            }
            return size;
        }
        return 64 + 3L * String.valueOf(value).length();
    }
}
