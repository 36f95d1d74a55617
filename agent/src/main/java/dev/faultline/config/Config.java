package dev.faultline.config;

import dev.faultline.instrument.CapturePaths;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's settings, resolved once at start (DESIGN.md section 3). Immutable.
 *
 * <p>Runs in premain on the application's main thread: no lambdas, no regular expressions, no
 * DNS (the host name is looked up lazily, on the agent's thread, only when nothing names it).
 */
public final class Config {
    private static final int MAX_QUEUE = 10_000_000;
    /** The most log events a thread remembers as breadcrumbs (memory per thread, docs/CONFIGURATION.md). */
    private static final int MAX_BREADCRUMBS = 100;

    private final boolean enabled;
    private final String mongoUri;
    private final String mongoDatabase;
    private final String service;
    private final String environment;
    private final String release;
    private final String serverId;
    private final String nodeName;
    private final String machineSetting;
    private volatile String machine;
    private final List<String> appPackages;
    private final List<String> logWrappers;
    private final Map<String, String> apps;
    private final int captureLevel;
    private final Map<String, Boolean> capturePaths = new HashMap<String, Boolean>();
    private final Duration reAlert;
    private final boolean suppressDuplicateLogs;
    private final List<String> jobIdKeys;
    private final List<String> userIdKeys;
    private final int queueSize;
    private final long queueMaxBytes;
    private final int batchSize;
    private final Duration flushInterval;
    private final Path spoolDir;
    private final Path spoolRoot;
    private final long spoolMaxSize;
    private final Duration retention;
    private final List<String> redactKeys;
    private final List<String> redactPatterns;
    private final String groupingRules;
    private final int maxMessageLength;
    private final int maxFrames;
    private final int maxCauses;
    private final int breadcrumbsSize;
    private final int stormKeepPerWindow;
    private final Duration stormWindow;
    private final Duration shutdownTimeout;
    private final String notifyWebhook;
    private final String notifySlack;
    private final Smtp notifySmtp;
    private final boolean strict;
    private final boolean debug;
    private final List<String> warnings;

    /** @throws ConfigException naming every bad value, those {@code p} already holds included */
    private Config(Sources s, Parser p, boolean strict, String javaCommand, String tmpDir, List<String> warnings)
            throws ConfigException {
        this.strict = strict;
        this.warnings = Collections.unmodifiableList(warnings);
        this.enabled = p.bool("enabled");
        this.debug = p.bool("debug");
        this.mongoUri = p.mongoUri();
        this.mongoDatabase = p.databaseName("mongo.database");
        String svc = s.value("service").trim();
        this.service = svc.isEmpty() ? defaultService(javaCommand) : svc;
        this.environment = s.value("environment").trim();
        this.release = s.value("release").trim();
        this.serverId = s.value("server-id").trim();
        this.nodeName = s.value("node-name").trim();
        this.machineSetting = s.value("machine").trim();
        this.appPackages = Values.list(s.value("app-packages"));
        this.apps = p.mapping("apps");
        this.logWrappers = p.classNames("log-wrappers");
        this.captureLevel = p.level("capture.level");
        for (String path : CapturePaths.names()) {
            capturePaths.put(path, p.bool("capture." + path));
        }
        this.reAlert = p.duration("re-alert");
        this.suppressDuplicateLogs = p.bool("suppress-duplicate-logs");
        this.jobIdKeys = Values.list(s.value("context.job-id-keys"));
        this.userIdKeys = Values.list(s.value("context.user-id-keys"));
        this.queueSize = p.positiveInt("queue.size", MAX_QUEUE);
        this.queueMaxBytes = s.value("queue.max-bytes").trim().isEmpty()
                ? defaultQueueBytes(Runtime.getRuntime().maxMemory()) : p.size("queue.max-bytes");
        this.batchSize = p.positiveInt("batch.size", 100_000);
        this.flushInterval = p.positiveDuration("flush.interval");
        String spool = p.path("spool.dir");
        this.spoolRoot = spool.isEmpty() ? Paths.get(tmpDir, "faultline") : null;
        this.spoolDir = spool.isEmpty() ? spoolRoot.resolve(safeFileName(service)) : Paths.get(spool);
        this.spoolMaxSize = p.size("spool.max-size");
        tooSmall(s, "spool.max-size", spoolMaxSize, "the spool", "spool_full", warnings);
        if (!s.value("queue.max-bytes").trim().isEmpty()) {
            tooSmall(s, "queue.max-bytes", queueMaxBytes, "the queue", "queue_memory_full", warnings);
        }
        this.retention = s.value("retention").trim().isEmpty() ? null : p.positiveDuration("retention");
        this.redactKeys = Values.list(s.value("redact.keys"));
        this.redactPatterns = p.patterns("redact.patterns");
        this.groupingRules = p.groupingRules("grouping.rules");
        this.maxMessageLength = p.positiveInt("max.message-length", 1 << 20);
        this.maxFrames = p.positiveInt("max.frames", 10_000);
        this.maxCauses = p.positiveInt("max.causes", 1_000);
        this.breadcrumbsSize = p.intBetween("breadcrumbs.size", 0, MAX_BREADCRUMBS);
        this.stormKeepPerWindow = p.positiveInt("storm.keep-per-window", 1_000_000);
        this.stormWindow = p.positiveDuration("storm.window");
        this.shutdownTimeout = p.duration("shutdown.timeout");
        this.notifyWebhook = p.webhook("notify.webhook");
        this.notifySlack = p.webhook("notify.slack");
        this.notifySmtp = p.smtp();
        p.bool("strict"); // already applied leniently by load(); here a bad value is reported
        // Last: every key has been parsed, so the exception names every bad value at once.
        p.failIfBad(warnings);
    }

    /** Settings from already-resolved keys (without the {@code faultline.} prefix); for tests. */
    public static Config fromMap(Map<String, String> values) throws ConfigException {
        Map<String, String> props = new HashMap<String, String>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            props.put("faultline." + e.getKey(), e.getValue());
        }
        return load(props, Collections.<String, String>emptyMap(), null);
    }

    /**
     * Resolves every key: system property {@code faultline.<key>} > environment variable
     * {@code FAULTLINE_<KEY>} > agent arguments > properties file named by {@code config.file} >
     * default.
     *
     * @throws ConfigException with one line per bad value, each naming key, value and expected
     *         form; it carries the warnings too
     */
    public static Config load(Map<String, String> systemProperties, Map<String, String> environment,
            String agentArgs) throws ConfigException {
        Sources sources = new Sources(systemProperties, environment, AgentArgs.parse(agentArgs));
        String file = sources.value("config.file").trim();
        String unreadable = null;
        if (!file.isEmpty()) {
            try {
                sources.readFile(file);
            } catch (IOException | RuntimeException e) {
                // RuntimeException: an invalid path, or a malformed \\uXXXX escape in the file.
                // Reported with the other bad values, which are still checked without the file.
                unreadable = "a readable properties file (" + why(e) + ")";
            }
        }
        boolean strict = strictFlag(sources);
        Parser p = new Parser(sources, strict);
        if (unreadable != null) {
            p.bad("config.file", file, unreadable);
        }
        List<String> warnings = new ArrayList<String>(sources.unknownKeys());
        String command = systemProperties.get("sun.java.command");
        String tmp = systemProperties.get("java.io.tmpdir");
        return new Config(sources, p, strict, command, tmp == null ? System.getProperty("java.io.tmpdir") : tmp, warnings);
    }

    /** Below this many bytes a spool or queue holds few records, if any (one takes 1-20 KB): a unit was likely left out. */
    static final long SMALLEST_USEFUL_BYTES = 64 * 1024;

    /** A warning, not a refusal: the size works as written (every record past it dropped and counted). */
    private static void tooSmall(Sources s, String key, long bytes, String what, String reason, List<String> warnings) {
        if (bytes < SMALLEST_USEFUL_BYTES) {
            String value = s.value(key).trim();
            boolean unitless = !value.isEmpty() && Character.isDigit(value.charAt(value.length() - 1));
            warnings.add("faultline: " + key + "=" + value + " (" + s.describe(key) + ") gives " + what + " " + bytes
                    + " bytes, less than a few records (one takes 1-20 KB): what does not fit is dropped and counted as " + reason
                    + (unitless ? "; a number alone is bytes: a size with its unit, such as 64MB, was likely meant" : ""));
        }
    }

    private static String why(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** A bad value of {@code strict} itself counts as not strict. */
    private static boolean strictFlag(Sources sources) {
        try {
            return Values.bool(sources.value("strict"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The jar's file name without {@code .jar}, else the main class's simple name; for a source
     * file run as it is ({@code java Foo.java}), the file's name without {@code .java} (the main
     * class is the JDK's launcher, {@code Main} or {@code SourceLauncher}, the same for every such
     * program, which then shared a service and a spool directory: a user's trial).
     * {@code sun.java.command} is the jar or main class followed by the program's arguments,
     * separated by spaces, and a jar's path may itself hold spaces.
     */
    static String defaultService(String javaCommand) {
        if (javaCommand == null || javaCommand.trim().isEmpty()) {
            return "java-app";
        }
        String command = javaCommand.trim();
        if (command.startsWith("jdk.compiler/com.sun.tools.javac.launcher.")) {
            int space = command.indexOf(' ');
            int source = space < 0 ? -1 : command.indexOf(".java", space);
            if (source > space + 1) {
                String path = command.substring(space + 1, source);
                String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
                return name.isEmpty() ? "java-app" : name;
            }
        }
        int jar = command.indexOf(".jar ");
        if (jar > 0 || command.endsWith(".jar")) {
            String path = jar > 0 ? command.substring(0, jar + ".jar".length()) : command;
            int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
            String name = path.substring(slash + 1, path.length() - ".jar".length());
            return name.isEmpty() ? "java-app" : name;
        }
        int space = command.indexOf(' ');
        String first = space > 0 ? command.substring(0, space) : command;
        // A module's main class is written module/class.
        first = first.substring(first.lastIndexOf('/') + 1);
        return first.substring(first.lastIndexOf('.') + 1);
    }

    private static String safeFileName(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        return b.toString();
    }

    public boolean enabled() {
        return enabled;
    }

    public String mongoUri() {
        return mongoUri;
    }

    public String mongoDatabase() {
        return mongoDatabase;
    }

    public String service() {
        return service;
    }

    public String environment() {
        return environment;
    }

    public String release() {
        return release;
    }

    public String serverId() {
        return serverId;
    }

    public String nodeName() {
        return nodeName;
    }

    /** {@code local_machine_name}; resolved lazily (never a DNS look-up in premain). */
    public String machine() {
        String m = machine;
        if (m == null) {
            m = machineSetting.isEmpty() ? hostName() : machineSetting;
            machine = m;
        }
        return m;
    }

    /** This host's name: HOSTNAME / COMPUTERNAME, /etc/hostname, else the resolver. */
    public static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isEmpty()) {
            h = System.getenv("COMPUTERNAME");
        }
        if (h == null || h.isEmpty()) {
            try {
                h = new String(Files.readAllBytes(Paths.get("/etc/hostname")), "UTF-8").trim();
            } catch (IOException | RuntimeException e) {
                h = null;
            }
        }
        if (h == null || h.isEmpty()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "unknown";
            }
        }
        return h;
    }

    public List<String> appPackages() {
        return appPackages;
    }

    /**
     * {@code log-wrappers}: class names or package prefixes of the application's own logging
     * helpers, whose frames are skipped like a framework's when the call site is looked for.
     */
    public List<String> logWrappers() {
        return logWrappers;
    }

    /** Package prefix to app name, in the order given. */
    public Map<String, String> apps() {
        return apps;
    }

    /** Lowest recorded severity, a {@code dev.faultline.bootstrap.Severity} number. */
    public int captureLevel() {
        return captureLevel;
    }

    /** {@code capture.<path>} for each path of {@link CapturePaths}. */
    public boolean capture(String path) {
        Boolean on = capturePaths.get(path);
        if (on == null) {
            throw new IllegalArgumentException("no capture path \"" + path + "\"");
        }
        return on;
    }

    public Duration reAlert() {
        return reAlert;
    }

    public boolean suppressDuplicateLogs() {
        return suppressDuplicateLogs;
    }

    public List<String> jobIdKeys() {
        return jobIdKeys;
    }

    public List<String> userIdKeys() {
        return userIdKeys;
    }

    public int queueSize() {
        return queueSize;
    }

    /** {@code queue.max-bytes}: the estimated bytes the queue may hold (never the cause of an OutOfMemoryError). */
    public long queueMaxBytes() {
        return queueMaxBytes;
    }

    /** Unset {@code queue.max-bytes}: a sixteenth of the largest heap, between 1 MB and 64 MB. */
    static long defaultQueueBytes(long maxHeap) {
        return Math.max(1L << 20, Math.min(64L << 20, maxHeap / 16));
    }

    public int batchSize() {
        return batchSize;
    }

    public Duration flushInterval() {
        return flushInterval;
    }

    public Path spoolDir() {
        return spoolDir;
    }

    /**
     * {@code <java.io.tmpdir>/faultline} when {@code spool.dir} is the default (shared by the
     * services and users of a machine, made open to all and sticky), else null.
     */
    public Path spoolRoot() {
        return spoolRoot;
    }

    public long spoolMaxSize() {
        return spoolMaxSize;
    }

    /** TTL of occurrences, or null to keep them. */
    public Duration retention() {
        return retention;
    }

    /** {@code grouping.rules}, checked to parse (GroupingRules#parse). */
    public String groupingRules() {
        return groupingRules;
    }

    /** Context keys to redact in addition to the built-in list. */
    public List<String> redactKeys() {
        return redactKeys;
    }

    /** Regular expressions to redact in addition to the built-in list (checked to compile). */
    public List<String> redactPatterns() {
        return redactPatterns;
    }

    public int maxMessageLength() {
        return maxMessageLength;
    }

    public int maxFrames() {
        return maxFrames;
    }

    public int maxCauses() {
        return maxCauses;
    }

    /** {@code breadcrumbs.size}: log events remembered per thread for the next occurrence; 0 = off. */
    public int breadcrumbsSize() {
        return breadcrumbsSize;
    }

    /** {@code storm.keep-per-window}: occurrences of one fingerprint stored in full per window (OPERATIONS.md, Storms). */
    public int stormKeepPerWindow() {
        return stormKeepPerWindow;
    }

    /** {@code storm.window}: the window of {@link #stormKeepPerWindow()}. */
    public Duration stormWindow() {
        return stormWindow;
    }

    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** Empty when unset. */
    public String notifyWebhook() {
        return notifyWebhook;
    }

    /** The e-mail channel's settings, or null when {@code notify.smtp.host} is not set. */
    public Smtp notifySmtp() {
        return notifySmtp;
    }

    /** A Slack-compatible incoming webhook URL for alerts, or empty. */
    public String notifySlack() {
        return notifySlack;
    }

    public boolean strict() {
        return strict;
    }

    public boolean debug() {
        return debug;
    }

    /** Non-fatal notes for stderr (an unknown {@code faultline.*} key, say). */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "enabled=" + enabled + ", mongo.uri=" + MongoUris.redact(mongoUri) + ", mongo.database=" + mongoDatabase
                + ", service=" + service + ", environment=" + environment + ", release=" + release
                + ", server-id=" + serverId + ", node-name=" + nodeName
                // The host name is looked up later, on the writer thread: not resolved here.
                + ", machine=" + (machineSetting.isEmpty() ? "<host name>" : machineSetting)
                + ", app-packages=" + appPackages + ", log-wrappers=" + logWrappers + ", apps=" + apps
                + ", capture.level=" + dev.faultline.bootstrap.Severity.name(captureLevel)
                + ", capture=" + capturePaths + ", re-alert=" + reAlert + ", suppress-duplicate-logs=" + suppressDuplicateLogs
                + ", queue.size=" + queueSize + ", queue.max-bytes=" + queueMaxBytes + ", batch.size=" + batchSize + ", flush.interval=" + flushInterval
                + ", spool.dir=" + spoolDir + ", spool.max-size=" + spoolMaxSize + ", retention=" + (retention == null ? "keep" : retention)
                + ", max.message-length=" + maxMessageLength + ", max.frames=" + maxFrames + ", max.causes=" + maxCauses + ", breadcrumbs.size=" + breadcrumbsSize
                + ", storm.keep-per-window=" + stormKeepPerWindow + ", storm.window=" + stormWindow
                + ", shutdown.timeout=" + shutdownTimeout + ", notify.webhook=" + (notifyWebhook.isEmpty() ? "" : "<set>")
                + ", notify.slack=" + (notifySlack.isEmpty() ? "" : "<set>")
                + ", notify.smtp=" + (notifySmtp == null ? "" : notifySmtp)
                + ", strict=" + strict + ", debug=" + debug;
    }
}
