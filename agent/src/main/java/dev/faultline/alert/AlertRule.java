package dev.faultline.alert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import dev.faultline.config.Values;
import org.bson.Document;

/**
 * One {@code alert_rules} document (ALERTS.md): a kind, the channels it sends to, a minimum
 * severity, optional equality filters on service, environment and app, and for
 * {@code threshold} the first count announced (then ten times it, a hundred times...), or, with a
 * {@code window}, the count of occurrences within one window that is announced once per window.
 */
public final class AlertRule {
    public static final List<String> KINDS = Collections.unmodifiableList(Arrays.asList(
            "new_group", "regression", "threshold", "new_release"));
    public static final List<String> CHANNELS = Collections.unmodifiableList(Arrays.asList("webhook", "slack", "email"));
    public static final List<String> SEVERITIES = Collections.unmodifiableList(Arrays.asList(
            "INFO", "WARNING", "ERROR", "CRITICAL"));
    static final long DEFAULT_THRESHOLD = 10;
    /** Bounds of a threshold's {@code window}: a shorter one would be a few group writes, a longer one a running count. */
    static final long MIN_WINDOW_MILLIS = 60_000L;
    static final long MAX_WINDOW_MILLIS = 7 * 86_400_000L;

    public final String id;
    public final String kind;
    public final List<String> channels;
    public final String minSeverity;
    public final String service;
    public final String environment;
    public final String app;
    public final long threshold;
    /** For {@code threshold}: the window as written ({@code 10m}, {@code 1h}), or null for the running count's milestones. */
    public final String window;
    /** {@link #window} in milliseconds, 0 when none. */
    public final long windowMillis;

    public AlertRule(String id, String kind, List<String> channels, String minSeverity, String service,
            String environment, String app, long threshold) {
        this(id, kind, channels, minSeverity, service, environment, app, threshold, null);
    }

    public AlertRule(String id, String kind, List<String> channels, String minSeverity, String service,
            String environment, String app, long threshold, String window) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind must be one of " + KINDS + ", not " + kind);
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("channels must name at least one of " + CHANNELS);
        }
        for (String c : channels) {
            if (!CHANNELS.contains(c)) {
                throw new IllegalArgumentException("channels must be among " + CHANNELS + ", not " + c);
            }
        }
        String severity = minSeverity == null ? "INFO" : minSeverity.trim().toUpperCase(Locale.ROOT);
        if ("WARN".equals(severity)) {
            // The capture level's spelling (capture.level=WARN) and the logging frameworks'.
            severity = "WARNING";
        }
        if (!SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("min_severity must be one of " + SEVERITIES + ", not " + minSeverity);
        }
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be a count of 1 or more, not " + threshold);
        }
        this.window = blankToNull(window);
        this.windowMillis = this.window == null ? 0 : windowMillis(kind, this.window);
        this.id = id;
        this.kind = kind;
        this.channels = Collections.unmodifiableList(new ArrayList<String>(channels));
        this.minSeverity = severity;
        this.service = blankToNull(service);
        this.environment = blankToNull(environment);
        this.app = blankToNull(app);
        this.threshold = threshold;
    }

    /** The rules in effect while {@code alert_rules} is empty: new groups and regressions to the webhook. */
    public static List<AlertRule> defaults() {
        List<String> webhook = Collections.singletonList("webhook");
        return Collections.unmodifiableList(Arrays.asList(
                new AlertRule("default-new-group", "new_group", webhook, "ERROR", null, null, null, DEFAULT_THRESHOLD),
                new AlertRule("default-regression", "regression", webhook, "ERROR", null, null, null, DEFAULT_THRESHOLD)));
    }

    /** A stored rule; throws IllegalArgumentException naming the field when it is not one. */
    public static AlertRule of(Document d) {
        Object channels = d.get("channels");
        List<String> names = new ArrayList<String>();
        if (channels instanceof List) {
            for (Object c : (List<?>) channels) {
                names.add(String.valueOf(c));
            }
        }
        Object threshold = d.get("threshold");
        return new AlertRule(String.valueOf(d.get("_id")), d.getString("kind"), names, d.getString("min_severity"),
                d.getString("service"), d.getString("environment"), d.getString("app"),
                threshold instanceof Number ? ((Number) threshold).longValue() : DEFAULT_THRESHOLD,
                d.get("window") == null ? null : String.valueOf(d.get("window")));
    }

    private static long windowMillis(String kind, String window) {
        if (!"threshold".equals(kind)) {
            throw new IllegalArgumentException("window must be left out for a rule of kind " + kind + ", not " + window);
        }
        long millis;
        try {
            millis = Values.duration(window).toMillis();
        } catch (IllegalArgumentException e) {
            millis = -1;
        }
        if (millis < MIN_WINDOW_MILLIS || millis > MAX_WINDOW_MILLIS) {
            throw new IllegalArgumentException("window must be a duration from 1m to 7d (10m, 1h, 1d), not " + window);
        }
        return millis;
    }

    public Document toDocument() {
        Document d = new Document("_id", id).append("kind", kind).append("channels", channels)
                .append("min_severity", minSeverity).append("service", service)
                .append("environment", environment).append("app", app);
        if ("threshold".equals(kind)) {
            d.append("threshold", threshold);
            if (window != null) {
                d.append("window", window);
            }
        }
        return d;
    }

    /** Severity and filters: whether a change of this group concerns the rule at all. */
    boolean covers(GroupChange change) {
        return severityNum(minSeverity) <= change.severityNum
                && (service == null || service.equals(change.service))
                && (environment == null || environment.equals(change.environment))
                && (app == null || app.equals(change.app));
    }

    static int severityNum(String name) {
        return 20 + 10 * SEVERITIES.indexOf(name);
    }

    private static String blankToNull(String s) {
        return s == null || s.trim().isEmpty() ? null : s.trim();
    }
}
