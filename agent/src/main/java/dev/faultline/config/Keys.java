package dev.faultline.config;

import dev.faultline.instrument.CapturePaths;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Every configuration key with its default (DESIGN.md section 3). Order is the reference order. */
final class Keys {
    static final Map<String, String> DEFAULTS = new LinkedHashMap<String, String>();

    static {
        DEFAULTS.put("enabled", "true");
        DEFAULTS.put("mongo.uri", "mongodb://localhost:27017");
        DEFAULTS.put("mongo.database", "faultline");
        DEFAULTS.put("service", "");
        DEFAULTS.put("environment", "");
        DEFAULTS.put("release", "");
        DEFAULTS.put("server-id", "");
        DEFAULTS.put("node-name", "");
        DEFAULTS.put("machine", "");
        DEFAULTS.put("app-packages", "");
        DEFAULTS.put("apps", "");
        DEFAULTS.put("log-wrappers", "");
        DEFAULTS.put("capture.level", "ERROR");
        for (String path : CapturePaths.names()) {
            DEFAULTS.put("capture." + path, "true");
        }
        DEFAULTS.put("re-alert", "1h");
        DEFAULTS.put("suppress-duplicate-logs", "false");
        DEFAULTS.put("context.job-id-keys", "job_id,jobId");
        DEFAULTS.put("context.user-id-keys", "user_id,userId");
        DEFAULTS.put("queue.size", "8192");
        DEFAULTS.put("queue.max-bytes", "");
        DEFAULTS.put("batch.size", "512");
        DEFAULTS.put("flush.interval", "200ms");
        DEFAULTS.put("spool.dir", "");
        DEFAULTS.put("spool.max-size", "256MB");
        DEFAULTS.put("retention", "");
        DEFAULTS.put("redact.keys", "");
        DEFAULTS.put("redact.patterns", "");
        DEFAULTS.put("grouping.rules", "");
        DEFAULTS.put("max.message-length", "8192");
        DEFAULTS.put("max.frames", "256");
        DEFAULTS.put("max.causes", "16");
        DEFAULTS.put("breadcrumbs.size", "20");
        DEFAULTS.put("storm.keep-per-window", "100");
        DEFAULTS.put("storm.window", "1m");
        DEFAULTS.put("shutdown.timeout", "5s");
        DEFAULTS.put("notify.webhook", "");
        DEFAULTS.put("notify.slack", "");
        DEFAULTS.put("notify.smtp.host", "");
        DEFAULTS.put("notify.smtp.port", "587");
        DEFAULTS.put("notify.smtp.from", "");
        DEFAULTS.put("notify.smtp.to", "");
        DEFAULTS.put("notify.smtp.username", "");
        DEFAULTS.put("notify.smtp.password", "");
        DEFAULTS.put("notify.smtp.starttls", "true");
        DEFAULTS.put("strict", "false");
        DEFAULTS.put("debug", "false");
        DEFAULTS.put("config.file", "");
    }

    /**
     * Keys that are parsed and checked at start-up but that nothing in the agent reads yet (none
     * now). docs/CONFIGURATION.md marks them "not yet"; ConfigurationDocTest holds the two, and
     * the agent's sources, to agree.
     */
    static final Set<String> NOT_YET_USED = Collections.unmodifiableSet(new HashSet<String>(Arrays.<String>asList()));

    private Keys() {
    }

    /** {@code context.job-id-keys} -> {@code FAULTLINE_CONTEXT_JOB_ID_KEYS}. */
    static String environmentName(String key) {
        StringBuilder b = new StringBuilder("FAULTLINE_");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            b.append(c == '.' || c == '-' ? '_' : Character.toUpperCase(c));
        }
        return b.toString();
    }
}
