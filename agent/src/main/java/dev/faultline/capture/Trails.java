package dev.faultline.capture;

import dev.faultline.bootstrap.Breadcrumb;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Each application thread's breadcrumb trail as the writer rebuilds it, so that the application
 * thread copies each log event at most once and never its own errors: an event brings the log
 * events its thread remembered since its previous occurrence ({@link CapturedEvent#breadcrumbs}),
 * they join the thread's trail, the occurrence takes the trail's last {@code breadcrumbs.size},
 * and then the event itself joins the trail for the next one. The writer takes events in the order
 * each thread offered them, so the trail is the thread's own order.
 *
 * <p>Memory: at most {@value #MAX_TRAILS} threads (the least recently seen is forgotten first)
 * and {@value #MAX_CHARS} characters of messages in all trails; a forgotten trail costs the
 * next occurrence of its thread the breadcrumbs before it, nothing else. An event the queue
 * dropped never reaches the trail (its own breadcrumbs wait for the thread's next occurrence).
 */
public final class Trails {
    static final int MAX_TRAILS = 1024;
    static final long MAX_CHARS = 4L * 1024 * 1024;

    /** One breadcrumb as kept: formatted and capped, not redacted (the record's scrubber does that). */
    private static final class Crumb {
        final long timestamp;
        final int severity;
        final String logger;
        final String message;
        private Document document;

        Crumb(long timestamp, int severity, String logger, String message) {
            this.timestamp = timestamp;
            this.severity = severity;
            this.logger = logger;
            this.message = message;
        }

        /** Its record fields, made at its first occurrence and shared by the next ones that carry it. */
        Document document() {
            if (document == null) {
                document = new Document("timestamp", new Date(timestamp))
                        .append("severity", Severity.name(severity))
                        .append("logger", logger)
                        .append("message", message);
            }
            return document;
        }

        long chars() {
            return (message == null ? 0 : message.length()) + (logger == null ? 0 : logger.length());
        }
    }

    private final int size;
    private final int maxMessageLength;
    private final LinkedHashMap<Long, ArrayDeque<Crumb>> trails = new LinkedHashMap<>(16, 0.75f, true);
    private long chars;

    /**
     * @param size {@code breadcrumbs.size}: the most breadcrumbs an occurrence carries (0 = off)
     * @param maxMessageLength {@code max.message-length}: a breadcrumb's message is capped like the record's
     */
    public Trails(int size, int maxMessageLength) {
        this.size = size;
        this.maxMessageLength = maxMessageLength;
    }

    /**
     * Adds what {@code e} brings to its thread's trail and returns the breadcrumbs of its
     * occurrence, oldest first, as record fields; null when there are none.
     */
    public List<Document> before(CapturedEvent e) {
        if (e.trail == 0 && e.breadcrumbs != null) {
            // Copied whole on the thread where it happened (a failed task's): no trail to join.
            ArrayDeque<Crumb> own = new ArrayDeque<Crumb>();
            for (Breadcrumb c : e.breadcrumbs) {
                own.add(crumb(c));
            }
            return documents(own);
        }
        ArrayDeque<Crumb> trail = trail(e);
        if (trail == null) {
            return null;
        }
        if (e.trailCleared) {
            clear(trail);
        }
        if (e.breadcrumbs != null) {
            for (Breadcrumb c : e.breadcrumbs) {
                add(trail, crumb(c));
            }
        }
        return documents(trail);
    }

    private static List<Document> documents(ArrayDeque<Crumb> trail) {
        if (trail.isEmpty()) {
            return null;
        }
        List<Document> out = new ArrayList<Document>(trail.size());
        for (Crumb c : trail) {
            out.add(c.document());
        }
        return out;
    }

    /**
     * {@code e} itself becomes a breadcrumb of its thread's next occurrence, with {@code message}
     * (its record's, already redacted), or formatted here when it has no record.
     */
    public void after(CapturedEvent e, String message) {
        ArrayDeque<Crumb> trail = trail(e);
        if (trail != null) {
            String text = message != null ? message : e.message != null ? e.message
                    : Safe.cap(MessageFormatter.format(e.template, e.args, e.format), maxMessageLength, e.templateCut);
            add(trail, new Crumb(e.timestamp, e.severity, e.logger, text));
        }
    }

    private ArrayDeque<Crumb> trail(CapturedEvent e) {
        if (size == 0 || e.trail == 0) {
            return null;
        }
        ArrayDeque<Crumb> trail = trails.get(e.trail);
        if (trail == null) {
            trail = new ArrayDeque<Crumb>(size);
            trails.put(e.trail, trail);
            if (trails.size() > MAX_TRAILS) {
                forgetEldest();
            }
        }
        return trail;
    }

    private void add(ArrayDeque<Crumb> trail, Crumb c) {
        if (trail.size() == size) {
            chars -= trail.removeFirst().chars();
        }
        trail.addLast(c);
        chars += c.chars();
        while (chars > MAX_CHARS && trails.size() > 1) {
            forgetEldest();
        }
    }

    private void clear(ArrayDeque<Crumb> trail) {
        for (Crumb c : trail) {
            chars -= c.chars();
        }
        trail.clear();
    }

    private void forgetEldest() {
        Iterator<Map.Entry<Long, ArrayDeque<Crumb>>> eldest = trails.entrySet().iterator();
        clear(eldest.next().getValue());
        eldest.remove();
    }

    /**
     * Formatted as its framework would and capped like the message; an argument the thread did
     * not keep shows as its class name in brackets.
     */
    private Crumb crumb(Breadcrumb c) {
        Object[] args = c.args;
        if (c.typeOnly != 0) {
            args = args.clone();
            for (int i = 0; i < args.length; i++) {
                if (c.typeOnly(i)) {
                    args[i] = "[" + args[i] + "]";
                }
            }
        }
        return new Crumb(c.timestamp, c.severity, c.logger,
                Safe.cap(MessageFormatter.format(c.template, args, c.format), maxMessageLength, c.templateCut));
    }

    /** Threads with a trail (tests). */
    int threads() {
        return trails.size();
    }
}
