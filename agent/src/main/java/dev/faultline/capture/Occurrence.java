package dev.faultline.capture;

import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * One finished occurrence: its {@code app_errors} document (redacted, capped, ready to insert)
 * and the typed fields the later stages need (group delta, error-code message), read once from
 * the finished document so that they hold exactly what is stored. Writer thread only.
 */
public final class Occurrence {
    private static final int MAX_TITLE = 200;

    public final Document document;
    public final String id;
    public final String fingerprint;
    /** The fingerprint of the merged group this occurrence belongs to, when it is stored in another one; else null. */
    public final String mergedFrom;
    /** The fingerprint of the previous grouping_version, when it was another; else null. */
    public final String previousFingerprint;
    public final Date timestamp;
    public final String message;
    public final String severity;
    public final int severityNum;
    public final String service;
    public final String app;
    public final String file;
    public final String function;
    /** The root cause's type, or null without a throwable. */
    public final String exceptionType;
    /** The group's title: {@code IOException: gateway timeout}, or the message template; at most 200 characters, one line. */
    public final String title;
    /** {@link #encodedBound}, once found (0: not yet). */
    private long encodedBound;

    /** What {@link #summary()} keeps of the document: what a group's count needs. */
    private static final String[] SUMMARY = {"_id", "timestamp", "fingerprint", "original_fingerprint",
        RecordFactory.PREVIOUS_FINGERPRINT, "severity", "severity_num", "service", "environment", "release", "app", "file",
        "function", "error_code", RecordFactory.CLEARS_CODE};

    /** What {@link #read} decodes of a record's BSON (beside the root cause). */
    private static final java.util.Set<String> READ = StoredFields.keys(SUMMARY);

    private Occurrence(Document d) {
        this(d, null, null);
    }

    /** With {@code title} (and {@code type}) known: a summary, whose document has no exception. */
    private Occurrence(Document d, String title, String type) {
        this.document = d;
        this.id = d.getString("_id");
        this.fingerprint = d.getString("fingerprint");
        this.mergedFrom = d.getString("original_fingerprint");
        this.previousFingerprint = d.getString(RecordFactory.PREVIOUS_FINGERPRINT);
        this.timestamp = d.getDate("timestamp");
        this.message = d.getString("message");
        this.severity = d.getString("severity");
        Integer num = d.getInteger("severity_num");
        this.severityNum = num == null ? 0 : num;
        this.service = d.getString("service");
        this.app = d.getString("app");
        this.file = d.getString("file");
        this.function = d.getString("function");
        Document root = root(d.get("exception", Document.class));
        this.exceptionType = title != null ? type : root == null ? null : root.getString("type");
        this.title = title != null ? title : title(root, d);
    }

    /**
     * A small copy that counts in the same group (no frames, message, context or data): what the
     * storm table keeps of a key's last occurrence ({@code intake.StormShed}).
     */
    public Occurrence summary() {
        Document d = new Document();
        for (String key : SUMMARY) {
            Object v = document.get(key);
            if (v != null) {
                d.put(key, v);
            }
        }
        return new Occurrence(d, title, exceptionType);
    }

    /**
     * The document as BSON, the bytes the driver would send for it, encoded directly (for the
     * spool, one record at a time: not kept, so that a batch's BSON is never all in memory).
     */
    public RawBsonDocument toBson() {
        return RecordEncoder.encode(document);
    }

    /**
     * {@link #toBson()} inside a frame: {@code head} before the document and {@code tail} zero
     * bytes after it in the same array, its first four bytes set to the array's length (the
     * spool's record payload, {@code store.spool.SpoolRecord#head}), so that the spool appends
     * that array as it is instead of copying the document into one.
     */
    public RawBsonDocument toBson(byte[] head, int tail) {
        return RecordEncoder.encode(document, head, tail);
    }

    /**
     * The occurrence a record read back from the spool describes, from its BSON in one pass that
     * decodes only what a group's count needs (the {@link #summary()} fields, the message, the
     * template and the root cause's type and message) and skips the rest (frames, context, data):
     * its {@link #document} is that summary, and {@code bson} is what is inserted. Throws {@link
     * org.bson.BSONException} when {@code bson} is not a well-formed document.
     */
    public static Occurrence read(RawBsonDocument bson) {
        return new Occurrence(StoredFields.summary(bson, READ));
    }

    /**
     * At least the bytes of this occurrence's document encoded ({@link RecordSize#upperBound}: up
     * to three times the real size for ASCII text), found once, by a walk of the document.
     */
    public long encodedBound() {
        if (encodedBound == 0) {
            encodedBound = RecordSize.upperBound(document);
        }
        return encodedBound;
    }

    /** The occurrence a finished document describes. */
    public static Occurrence of(Document finished) {
        return new Occurrence(finished);
    }

    /** This occurrence stored in group {@code target}, into which its own group was merged. */
    public Occurrence mergedInto(String target) {
        document.put("original_fingerprint", fingerprint);
        document.put("fingerprint", target);
        return new Occurrence(document);
    }

    /** The root cause's type in a finished document, or null without a throwable. */
    static String rootType(Document d) {
        Object exception = d.get("exception");
        Document root = exception instanceof Document ? root((Document) exception) : null;
        return root == null ? null : root.getString("type");
    }

    /** The fingerprint's exception: the root cause (the last one stored). */
    private static Document root(Document exception) {
        if (exception == null) {
            return null;
        }
        List<Document> causes = exception.getList("causes", Document.class);
        return causes == null || causes.isEmpty() ? exception : causes.get(causes.size() - 1);
    }

    /**
     * {@code line} with each control character (a trailing CR, terminal escapes) as a space: a
     * title is one line of plain text in a notice (a user's trial: a Slack title with raw ANSI colours).
     */
    private static String withoutControls(String line) {
        StringBuilder b = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (dev.faultline.core.Diag.control(c)) {
                if (b == null) {
                    b = new StringBuilder(line);
                }
                b.setCharAt(i, ' ');
            }
        }
        return b == null ? line : b.toString().trim();
    }

    private static String title(Document root, Document d) {
        String text;
        if (root != null) {
            String type = root.getString("type");
            String simple = type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
            String message = root.getString("message");
            text = message == null || message.isEmpty() ? simple : simple + ": " + message;
        } else {
            String template = d.getString("message_template");
            text = template == null || template.isEmpty() ? d.getString("message") : template;
        }
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        String line = withoutControls(newline < 0 ? text : text.substring(0, newline));
        if (line.length() <= MAX_TITLE) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(MAX_TITLE - 1)) ? MAX_TITLE - 1 : MAX_TITLE;
        return line.substring(0, end) + "...";
    }
}
