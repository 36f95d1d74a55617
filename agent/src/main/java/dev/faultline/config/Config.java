package dev.faultline.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The agent's settings, resolved once at start (DESIGN.md section 3). Immutable.
 *
 * <p>SKELETON: accessor names and types are the contract other packages use; loading, parsing
 * and validation are being filled in.
 */
public final class Config {
    final Map<String, String> raw;

    Config(Map<String, String> raw) {
        this.raw = raw;
    }

    /** Settings from already-resolved keys (without the {@code faultline.} prefix); for tests. */
    public static Config fromMap(Map<String, String> values) throws ConfigException {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Resolves every key: system property {@code faultline.<key>} > environment variable
     * {@code FAULTLINE_<KEY>} > agent arguments > properties file named by {@code config.file} >
     * default.
     */
    public static Config load(Map<String, String> systemProperties, Map<String, String> environment,
            String agentArgs) throws ConfigException {
        throw new UnsupportedOperationException("skeleton");
    }

    public boolean enabled() { throw new UnsupportedOperationException(); }
    public String mongoUri() { throw new UnsupportedOperationException(); }
    public String mongoDatabase() { throw new UnsupportedOperationException(); }
    public String service() { throw new UnsupportedOperationException(); }
    public String environment() { throw new UnsupportedOperationException(); }
    public String release() { throw new UnsupportedOperationException(); }
    public String serverId() { throw new UnsupportedOperationException(); }
    public String nodeName() { throw new UnsupportedOperationException(); }
    /** {@code local_machine_name}; resolved lazily (never a DNS look-up in premain). */
    public String machine() { throw new UnsupportedOperationException(); }
    public List<String> appPackages() { throw new UnsupportedOperationException(); }
    /** Package prefix to app name, in the order given. */
    public Map<String, String> apps() { throw new UnsupportedOperationException(); }
    /** Lowest recorded severity, a {@code dev.faultline.bootstrap.Severity} number. */
    public int captureLevel() { throw new UnsupportedOperationException(); }
    /** {@code capture.<path>} for logback, log4j2, jul, log4j1, uncaught, executor, http. */
    public boolean capture(String path) { throw new UnsupportedOperationException(); }
    public Duration reAlert() { throw new UnsupportedOperationException(); }
    public boolean suppressDuplicateLogs() { throw new UnsupportedOperationException(); }
    public List<String> jobIdKeys() { throw new UnsupportedOperationException(); }
    public List<String> userIdKeys() { throw new UnsupportedOperationException(); }
    public int queueSize() { throw new UnsupportedOperationException(); }
    public int batchSize() { throw new UnsupportedOperationException(); }
    public Duration flushInterval() { throw new UnsupportedOperationException(); }
    public Path spoolDir() { throw new UnsupportedOperationException(); }
    public long spoolMaxSize() { throw new UnsupportedOperationException(); }
    /** TTL of occurrences, or null to keep them. */
    public Duration retention() { throw new UnsupportedOperationException(); }
    public List<String> redactKeys() { throw new UnsupportedOperationException(); }
    public List<String> redactPatterns() { throw new UnsupportedOperationException(); }
    public int maxMessageLength() { throw new UnsupportedOperationException(); }
    public int maxFrames() { throw new UnsupportedOperationException(); }
    public int maxCauses() { throw new UnsupportedOperationException(); }
    public Duration shutdownTimeout() { throw new UnsupportedOperationException(); }
    /** Empty when unset. */
    public String notifyWebhook() { throw new UnsupportedOperationException(); }
    public boolean strict() { throw new UnsupportedOperationException(); }
    public boolean debug() { throw new UnsupportedOperationException(); }
    /** Non-fatal notes for stderr (an unknown {@code faultline.*} key, say). */
    public List<String> warnings() { throw new UnsupportedOperationException(); }
}
