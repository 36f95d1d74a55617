package dev.faultline.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Parses {@code -javaagent:faultline-agent.jar=key=value,key=value}. Values may hold commas
 * themselves ({@code app-packages=com.a,com.b}, {@code mongo.uri=mongodb://h1,h2/}), so a comma
 * starts a new pair only when what follows is a known key and {@code =}.
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
            if (candidate != null && (key == null || Keys.DEFAULTS.containsKey(candidate))) {
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
}
