package dev.faultline.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where each key's value comes from, in order of precedence: system property, environment
 * variable, agent argument, properties file, default. Remembers the source so that an error can
 * say where the bad value was written.
 */
final class Sources {
    private static final String PREFIX = "faultline.";

    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;
    private final Map<String, String> agentArgs;
    private Map<String, String> file = new HashMap<String, String>();
    private String fileName = "";

    Sources(Map<String, String> systemProperties, Map<String, String> environment, Map<String, String> agentArgs) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.agentArgs = agentArgs;
    }

    /** The value (never null: the default when nothing else sets it). */
    String value(String key) {
        String v = systemProperties.get(PREFIX + key);
        if (v == null) {
            v = environment.get(Keys.environmentName(key));
        }
        if (v == null) {
            v = agentArgs.get(key);
        }
        if (v == null) {
            v = file.get(key);
        }
        return v == null ? Keys.DEFAULTS.get(key) : v;
    }

    /** For messages: "system property faultline.x", "environment variable FAULTLINE_X", ... */
    String describe(String key) {
        if (systemProperties.containsKey(PREFIX + key)) {
            return "system property " + PREFIX + key;
        }
        if (environment.containsKey(Keys.environmentName(key))) {
            return "environment variable " + Keys.environmentName(key);
        }
        if (agentArgs.containsKey(key)) {
            return "agent argument " + key;
        }
        if (file.containsKey(key)) {
            return "file " + fileName;
        }
        return "default";
    }

    void readFile(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Paths.get(name))) {
            p.load(in);
        }
        Map<String, String> values = new HashMap<String, String>();
        for (String k : p.stringPropertyNames()) {
            String key = k.startsWith(PREFIX) ? k.substring(PREFIX.length()) : k;
            values.put(key, p.getProperty(k).trim());
        }
        file = values;
        fileName = name;
    }

    /** One line per key that looks like ours but is not a known key. */
    List<String> unknownKeys() {
        List<String> notes = new ArrayList<String>();
        for (String k : systemProperties.keySet()) {
            if (k.startsWith(PREFIX) && !Keys.DEFAULTS.containsKey(k.substring(PREFIX.length()))) {
                notes.add(unknown("system property " + k, k.substring(PREFIX.length()), PREFIX));
            }
        }
        for (String k : environment.keySet()) {
            // FAULTLINE_IT_* belong to the test suite, not to the agent.
            if (k.startsWith("FAULTLINE_") && !k.startsWith("FAULTLINE_IT_") && environmentKey(k) == null) {
                notes.add(unknownVariable(k));
            }
        }
        for (String k : agentArgs.keySet()) {
            if (!Keys.DEFAULTS.containsKey(k)) {
                notes.add(unknown("agent argument " + k, k, ""));
            }
        }
        for (String k : file.keySet()) {
            if (!Keys.DEFAULTS.containsKey(k)) {
                notes.add(unknown("key " + k + " in " + fileName, k, ""));
            }
        }
        return notes;
    }

    private static String environmentKey(String variable) {
        for (String key : Keys.DEFAULTS.keySet()) {
            if (Keys.environmentName(key).equals(variable)) {
                return key;
            }
        }
        return null;
    }

    private static String unknown(String where, String key, String prefix) {
        String near = closest(key, false);
        return "faultline: ignoring unknown setting " + where + (near == null ? "" : " (did you mean " + prefix + near + "?)");
    }

    /** Suggests in the variable's own spelling: FAULTLINE_CONTEXT_JOBID_KEYS -> FAULTLINE_CONTEXT_JOB_ID_KEYS. */
    private static String unknownVariable(String variable) {
        String near = closest(variable, true);
        return "faultline: ignoring unknown setting environment variable " + variable
                + (near == null ? "" : " (did you mean " + near + "?)");
    }

    /**
     * Names other agents give these settings (two trials wrote {@code faultline.app} for the
     * service's name, and were told "did you mean apps?", the package-to-name mapping).
     */
    private static final java.util.Map<String, String> OTHER_TOOLS_WORDS = java.util.Map.of("app", "service", "application", "service",
            "app.name", "service", "name", "service", "service.name", "service", "env", "environment", "uri", "mongo.uri",
            "mongodb.uri", "mongo.uri", "database", "mongo.database");

    /**
     * A key other tools use for one of ours ({@link #OTHER_TOOLS_WORDS}), else the known key (or its variable name) nearest by edit distance, if it is near enough to be
     * a typo: at most 2 edits, or a quarter of the name's length.
     */
    static String closest(String name, boolean asVariable) {
        String plain = asVariable ? name.substring(Math.min(name.length(), "FAULTLINE_".length())).toLowerCase(Locale.ROOT).replace('_', '.')
                : name.toLowerCase(Locale.ROOT);
        String meant = OTHER_TOOLS_WORDS.get(plain);
        if (meant != null && Keys.DEFAULTS.containsKey(meant)) {
            return asVariable ? Keys.environmentName(meant) : meant;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : Keys.DEFAULTS.keySet()) {
            String candidate = asVariable ? Keys.environmentName(known) : known;
            int d = distance(asVariable ? name : name.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int length = asVariable ? name.length() - "FAULTLINE_".length() : name.length();
        return bestDistance <= Math.max(2, length / 4) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
