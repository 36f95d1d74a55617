package dev.faultline.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Parses {@code -javaagent:faultline-agent.jar=key=value,key=value}. Values may hold commas
 * themselves ({@code app-packages=com.a,com.b}, {@code mongo.uri=mongodb://h1,h2/}), so a comma
 * starts a new pair only when what follows is a known key and {@code =}, or a name a typo away
 * from one ({@code servce=billing}: split off, so that it is reported as an unknown setting with
 * its suggestion, not glued to the value before it, where a user's trial found it made the
 * MongoDB URI a list of two hosts and nothing was written).
 */
final class AgentArgs {
    private AgentArgs() {
    }

    static Map<String, String> parse(String args) {
        Map<String, String> out = new HashMap<String, String>();
        if (args == null || args.trim().isEmpty()) {
            return out;
        }
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String part : args.split(",", -1)) {
            int eq = part.indexOf('=');
            String candidate = eq > 0 ? part.substring(0, eq).trim() : null;
            if (candidate != null && (key == null || Keys.DEFAULTS.containsKey(candidate) || typo(candidate))) {
                if (key != null) {
                    out.put(key, value.toString().trim());
                }
                key = candidate;
                value.setLength(0);
                value.append(part.substring(eq + 1));
            } else if (key != null) {
                value.append(',').append(part);
            }
        }
        if (key != null) {
            out.put(key, value.toString().trim());
        }
        return out;
    }

    /** A setting's name misspelt: letters, digits, '.' and '-' only, and near a known key ({@link Sources#closest}). */
    private static boolean typo(String candidate) {
        return candidate.matches("[A-Za-z][A-Za-z0-9.-]*") && Sources.closest(candidate, false) != null;
    }
}
