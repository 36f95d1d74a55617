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
 *
 * <p>Nor is a comma inside a URI's user name and password a split ({@code
 * mongo.uri=mongodb://u:p,servce=x@h/}: a password typed with a raw comma): split there, the
 * password's second part was reported on stderr as an unknown setting and its first part as the
 * invalid URI (CONFIGURATION.md "Agent arguments").
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
        int at = 0;
        for (String part : args.split(",", -1)) {
            int eq = part.indexOf('=');
            String candidate = eq > 0 ? part.substring(0, eq).trim() : null;
            boolean inUserInfo = key != null && inUserInfo(value, args.substring(at));
            at += part.length() + 1;
            if (candidate != null && !inUserInfo && (key == null || Keys.DEFAULTS.containsKey(candidate) || typo(candidate))) {
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

    /**
     * Whether the comma before {@code rest} is inside a URI's user name and password: the value so
     * far is a URI whose authority has begun with {@code user:} (a word after the ':' that is not a
     * port number: {@code mongodb://h1:27017,h2} is a host list) and has no '@' yet, and the
     * authority's '@' comes in {@code rest} before any '/', '?' or '#' (which end an authority).
     */
    static boolean inUserInfo(CharSequence value, String rest) {
        String v = value.toString();
        int scheme = v.indexOf("://");
        if (scheme < 0) {
            return false;
        }
        String authority = v.substring(scheme + 3);
        int colon = authority.indexOf(':');
        if (colon < 0 || authority.startsWith("[") || authority.indexOf('@') >= 0 || authority.indexOf('/') >= 0 || authority.indexOf('?') >= 0
                || authority.indexOf('#') >= 0) {
            return false;
        }
        int firstComma = authority.indexOf(',');
        String afterColon = authority.substring(colon + 1, firstComma < 0 ? authority.length() : firstComma);
        if (!afterColon.isEmpty() && afterColon.chars().allMatch(Character::isDigit)) {
            return false;
        }
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '@') {
                return true;
            }
            if (c == '/' || c == '?' || c == '#') {
                return false;
            }
        }
        return false;
    }

    /** A setting's name misspelt: letters, digits, '.' and '-' only, and near a known key ({@link Sources#closest}). */
    private static boolean typo(String candidate) {
        return candidate.matches("[A-Za-z][A-Za-z0-9.-]*") && Sources.closest(candidate, false) != null;
    }
}
