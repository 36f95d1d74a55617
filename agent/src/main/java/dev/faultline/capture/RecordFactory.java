package dev.faultline.capture;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.config.Config;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;

/**
 * Turns one captured event into its {@code app_errors} document (DESIGN.md section 4). Runs on
 * the agent's writer thread; never throws, whatever the application put into the event.
 */
public final class RecordFactory {
    /** The formatted trace is the largest field; this keeps a record far below MongoDB's 16 MiB. */
    static final int MAX_TRACE_CHARS = 128 * 1024;
    /** The code an event carrying {@code error_code_clear} clears, on its record (SCHEMA.md). */
    public static final String CLEARS_CODE = "clears_code";
    /** The group of the previous grouping_version this occurrence's group replaces (GROUPING.md). */
    public static final String PREVIOUS_FINGERPRINT = "previous_fingerprint";

    private final Identity identity;
    private final InAppRule inApp;
    private final Attribution attribution;
    private final ContextReader contextReader;
    private final ExceptionFields exceptionFields;
    private final Redactor redactor;
    private final CodeNames codeNames;
    private final RecordScrubber scrubber;
    private final List<String> jobIdKeys;
    private final List<String> userIdKeys;
    private final int maxMessageLength;
    private final int maxFrames;
    private final int maxCauses;
    private final GroupingRules groupingRules;
    private final PreviousVersion previousVersion;
    /** Frame documents made before, the oldest forgotten first past {@link #MAX_FRAMES} (writer thread only). */
    private final Map<StackTraceElement, Document> frames = new java.util.LinkedHashMap<StackTraceElement, Document>(256) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<StackTraceElement, Document> eldest) {
            return size() > MAX_FRAMES;
        }
    };
    /** Distinct frames whose documents are kept (about 0.5 MB at most). */
    static final int MAX_FRAMES = 2048;

    /** The previous grouping_version's fingerprint of an event, or null ({@link Fingerprints#previousVersion}). */
    interface PreviousVersion {
        String fingerprint(CapturedEvent e, ExceptionChain chain, String errorCode, InAppRule inApp);
    }

    /** With a redactor and code names of its own. */
    public RecordFactory(Config config, Identity identity) {
        this(config, identity, (CodeNames) null);
    }

    /**
     * @param codeNames the error codes' names the application threads' decisions use (their
     *     redactor is made here and shared), or null for names of its own
     */
    public RecordFactory(Config config, Identity identity, CodeNames codeNames) {
        this(config, identity, Fingerprints::previousVersion, codeNames);
    }

    /** With another previous version: tests simulate a change of {@link Fingerprints#VERSION}. */
    RecordFactory(Config config, Identity identity, PreviousVersion previousVersion) {
        this(config, identity, previousVersion, null);
    }

    private RecordFactory(Config config, Identity identity, PreviousVersion previousVersion, CodeNames codeNames) {
        this.previousVersion = previousVersion;
        this.identity = identity;
        this.inApp = new InAppRule(config.appPackages());
        this.attribution = new Attribution(inApp, config.apps(), config.service());
        this.jobIdKeys = config.jobIdKeys();
        this.userIdKeys = config.userIdKeys();
        List<String> priorityKeys = new ArrayList<String>(List.of("error_code"));
        priorityKeys.addAll(jobIdKeys);
        priorityKeys.addAll(userIdKeys);
        if (codeNames == null) {
            Redactor own = Redactor.of(config);
            codeNames = new CodeNames(() -> own);
        }
        this.codeNames = codeNames;
        this.redactor = codeNames.redactor();
        this.contextReader = new ContextReader(config.maxMessageLength(), priorityKeys, redactor);
        this.exceptionFields = new ExceptionFields(inApp);
        this.scrubber = new RecordScrubber(redactor);
        this.maxMessageLength = config.maxMessageLength();
        this.maxFrames = config.maxFrames();
        this.maxCauses = config.maxCauses();
        this.groupingRules = new GroupingRules(GroupingRules.parse(config.groupingRules()));
    }

    /** The grouping rules applied to every occurrence; the writer sets the stored ones. */
    public GroupingRules groupingRules() {
        return groupingRules;
    }

    /** The typed occurrence of {@link #build}, or null when the event is the agent's own. */
    public Occurrence occurrence(CapturedEvent e) {
        return occurrence(e, null);
    }

    /**
     * The typed occurrence of {@link #build}, or null when the event is the agent's own.
     *
     * @param breadcrumbs its {@code breadcrumbs} ({@link Trails#before}), or null
     */
    public Occurrence occurrence(CapturedEvent e, List<Document> breadcrumbs) {
        Document doc = build(e, breadcrumbs);
        if (doc == null) {
            return null;
        }
        try {
            String ruled = groupingRules.fingerprint(doc);
            if (ruled != null) {
                // A rule is not versioned: its group is the rule's, whatever the version did.
                doc.put("fingerprint", ruled);
                doc.remove(PREVIOUS_FINGERPRINT);
            }
        } catch (RuntimeException | StackOverflowError ignored) {
            // GroupingRules skips (and counts) a rule that fails on a record; anything beyond that
            // leaves the built-in fingerprint.
        }
        return Occurrence.of(doc);
    }

    /**
     * The document, or null when the event is the agent's own. Redacted, made storable and at
     * most {@link RecordSize#MAX_BYTES}: nothing unredacted leaves this method.
     */
    public Document build(CapturedEvent e) {
        return build(e, null);
    }

    /**
     * {@link #build(CapturedEvent)} for a record made ahead of the one kept (the writer's
     * provisional record): parts that cannot be read are counted in {@code unreadable_parts}
     * when the kept record is built, not here too.
     */
    public Document buildAhead(CapturedEvent e) {
        return Safe.uncounted(() -> build(e, null));
    }

    /** {@link #build(CapturedEvent)} with the occurrence's {@code breadcrumbs} ({@link Trails#before}), or null. */
    public Document build(CapturedEvent e, List<Document> breadcrumbs) {
        try {
            Document doc = convert(e, breadcrumbs);
            return doc == null ? null : finish(doc);
        } catch (Throwable t) {
            try {
                return finish(fallback(e, t.getClass().getName(), true));
            } catch (Throwable again) {
                return fallback(e, again.getClass().getName(), false);
            }
        }
    }

    private Document finish(Document doc) {
        return RecordSize.fit(scrubber.scrub(doc));
    }

    private Document convert(CapturedEvent e, List<Document> breadcrumbs) {
        ExceptionChain chain = e.throwable == null ? null : ExceptionChain.of(e.throwable, maxCauses);
        if (SelfCapture.isOwn(e, chain)) {
            return null;
        }
        Location where = chain != null ? attribution.locate(chain) : null;
        if (where == null && e.siteClass != null) {
            // No throwable, or one whose whole chain has no frames: the logging call site.
            where = new Location(e.siteClass, e.siteMethod, e.siteFile, e.siteLine);
        }
        Map<String, Object> context = contextReader.read(e.context, e.keyValues);
        // The same reading the error-code gate made on the application thread, and the same name.
        String errorCode = codeNames.of(ContextReader.value(e.context, e.keyValues, "error_code"));

        String fingerprint = fingerprint(e, chain, errorCode);
        Document doc = new Document("_id", UUID.randomUUID().toString())
                .append("timestamp", new Date(e.timestamp))
                .append("message", message(e))
                .append("message_template", Safe.cap(e.template, maxMessageLength, e.templateCut))
                .append("severity", Severity.name(e.severity))
                .append("severity_num", e.severity)
                .append("source", e.source)
                .append("handled", e.handled)
                .append("logger", e.logger)
                .append("thread", e.thread)
                .append("app", attribution.app(where == null ? null : where.className))
                .append("file", where == null ? null : where.file())
                .append("function", where == null ? null : where.method)
                .append("class", where == null ? null : where.className)
                .append("line", where == null ? null : where.line)
                .append("exception", chain == null ? null : exception(chain))
                .append("data", new Document("trace", e.throwable == null ? null : StackTraceText.of(e.throwable, MAX_TRACE_CHARS, redactor)))
                .append("context", context)
                .append("error_code", errorCode)
                .append("job_id", ContextReader.first(context, jobIdKeys))
                .append("user_id", ContextReader.first(context, userIdKeys))
                .append("request", null)
                .append("fingerprint", fingerprint)
                .append("resolved", false)
                .append("resolved_by", null)
                .append("resolved_timestamp", null);
        String previous = previousVersion.fingerprint(e, chain, errorCode, inApp);
        if (previous != null && !previous.equals(fingerprint)) {
            doc.append(PREVIOUS_FINGERPRINT, previous);
        }
        if (breadcrumbs != null) {
            doc.append("breadcrumbs", breadcrumbs);
        }
        String clears = ContextReader.value(e.context, e.keyValues, "error_code_clear");
        if (clears != null) {
            // The clear of an episode (ERROR_CODES.md): its group sends no notice of its own, as a code's does not.
            doc.append(CLEARS_CODE, codeNames.of(clears));
        }
        int contextOmitted = ContextReader.omitted(context);
        if (contextOmitted > 0) {
            doc.append("context_omitted", contextOmitted);
        }
        PathFields.addTo(doc, e, maxMessageLength);
        TraceFields.addTo(doc, e);
        identity.appendTo(doc);
        return doc;
    }

    private String fingerprint(CapturedEvent e, ExceptionChain chain, String errorCode) {
        if (errorCode != null) {
            return Fingerprints.ofCode(errorCode);
        }
        if (chain != null) {
            return Fingerprints.ofException(chain, inApp, e);
        }
        return Fingerprints.ofMessage(e.logger, e.template, e.siteClass, e.siteMethod);
    }

    private Document exception(ExceptionChain chain) {
        Document top = link(chain.top());
        List<Document> causes = new ArrayList<Document>();
        int suppressed = chain.top().suppressed.length;
        for (int i = 1; i < chain.links.size(); i++) {
            causes.add(link(chain.links.get(i)));
            suppressed += chain.links.get(i).suppressed.length;
        }
        top.append("causes", causes).append("suppressed", suppressed);
        if (chain.causesOmitted > 0) {
            top.append("causes_omitted", chain.causesOmitted);
        }
        if (chain.circular) {
            top.append("circular", true);
        }
        return top;
    }

    private Document link(ExceptionChain.Link link) {
        StackTraceElement[] frames = link.frames;
        List<Document> out = new ArrayList<Document>(Math.min(frames.length, maxFrames));
        int omitted = 0;
        if (frames.length <= maxFrames) {
            for (StackTraceElement f : frames) {
                out.add(frame(f));
            }
        } else {
            // Keep the top (where it failed) and the bottom (how it got there: main, run, ...).
            int head = maxFrames - maxFrames / 4;
            int tail = maxFrames - head;
            for (int i = 0; i < head; i++) {
                out.add(frame(frames[i]));
            }
            for (int i = frames.length - tail; i < frames.length; i++) {
                out.add(frame(frames[i]));
            }
            omitted = frames.length - maxFrames;
        }
        Document d = new Document("type", link.type)
                .append("message", Safe.cap(link.message, maxMessageLength))
                .append("frames", out);
        if (omitted > 0) {
            d.append("frames_omitted", omitted).append("frames_omitted_after", maxFrames - maxFrames / 4);
        }
        Document fields = exceptionFields.read(link.throwable);
        if (fields != null) {
            d.append("fields", fields);
        }
        return d;
    }

    /**
     * A frame's document, made once per distinct frame and shared by the records that hold it (the
     * same frames come with every occurrence of a group): nothing changes a frame document after
     * this, and {@link RecordSize} copies a record before it shrinks one.
     */
    private Document frame(StackTraceElement f) {
        Document d = frames.get(f);
        if (d == null) {
            d = new SharedDocument("class", f.getClassName())
                    .append("method", f.getMethodName())
                    .append("file", f.getFileName())
                    .append("line", f.getLineNumber())
                    .append("in_app", inApp.inApp(f.getClassName()));
            frames.put(f, d);
        }
        return d;
    }

    /**
     * A record of {@code e} made without running any of the application's code (no argument's
     * {@code toString()}, no exception's {@code getMessage()}, no cause walked): the template as
     * written, the logger, thread and call site (or the exception's first in-app frame), the
     * exception's class name, its error code, with {@code
     * capture_error} {@code reason}. For events whose record cannot wait for the writer (held up
     * in the application's code at exit). Null for the agent's own events. Safe on any thread.
     */
    public Document withoutApplicationCode(CapturedEvent e, String reason) {
        if (SelfCapture.isOwn(e, null)) {
            return null;
        }
        Document doc = fallback(e, reason, true);
        // The exception's own frames (a JDK array; its causes are not walked: getCause() is the application's).
        Location where = e.siteClass != null ? new Location(e.siteClass, e.siteMethod, e.siteFile, e.siteLine)
                : e.throwable != null ? attribution.locate(e.throwable.getStackTrace()) : null;
        if (where != null) {
            doc.append("app", attribution.app(where.className)).append("file", where.file()).append("function", where.method)
                    .append("class", where.className).append("line", where.line);
        }
        String errorCode = codeNames.of(ContextReader.value(e.context, e.keyValues, "error_code"));
        if (errorCode != null) {
            doc.append("error_code", errorCode).append("fingerprint", Fingerprints.ofCode(errorCode));
        }
        if (e.throwable != null) {
            doc.append("exception", new Document("type", e.throwable.getClass().getName()));
        }
        return finish(doc);
    }

    /**
     * Something in this event defeated the converter: keep what is certainly safe. Without
     * {@code withText} (the scrubber failed too) no text of the application's is kept at all.
     *
     * @param captureError why: the failure's class name
     */
    private Document fallback(CapturedEvent e, String captureError, boolean withText) {
        Document doc = new Document("_id", UUID.randomUUID().toString())
                .append("timestamp", new Date(e.timestamp))
                .append("message", withText ? Safe.cap(e.template, maxMessageLength, e.templateCut) : "[not recorded: capture failed]")
                .append("severity", Severity.name(e.severity))
                .append("severity_num", e.severity)
                .append("source", e.source)
                .append("handled", e.handled)
                .append("logger", Safe.clean(e.logger))
                .append("thread", Safe.clean(e.thread))
                .append("app", attribution.app(null))
                .append("fingerprint", Fingerprints.ofMessage(e.logger, e.template, e.siteClass, e.siteMethod))
                .append("resolved", false)
                .append("capture_error", captureError);
        identity.appendTo(doc);
        return doc;
    }

    /**
     * {@code e}'s message, formatted and capped at its first record and kept on it ({@link
     * CapturedEvent#message}, at most {@code max.message-length} characters and the marker); its
     * unreadable arguments are counted then, once.
     */
    private String message(CapturedEvent e) {
        String m = e.message;
        if (m == null) {
            m = Safe.cap(Safe.counted(() -> MessageFormatter.format(e.template, e.args, e.format)), maxMessageLength,
                    e.templateCut + e.argumentsCut);
            e.message = m;
        }
        return m;
    }
}
