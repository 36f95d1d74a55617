package dev.faultline.capture;

import dev.faultline.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces secrets with {@value #MASK} before a record leaves the writer thread (DESIGN.md
 * section 3): every value under a secret key (context entries, exception fields, request
 * parameters), and secret-looking text anywhere in messages, traces and values. Built-in keys and
 * patterns always apply; {@code redact.keys} and {@code redact.patterns} add to them.
 *
 * <p>Keys match ignoring case and separators, and anywhere inside a longer key: {@code password}
 * covers {@code db.password}, {@code userPassword} and {@code X-Password}.
 */
public final class Redactor {
    public static final String MASK = "[REDACTED]";

    private final List<String> keys = new ArrayList<String>();
    private final List<SecretRule> rules;

    Redactor(List<String> extraKeys, List<String> extraPatterns) {
        List<String> allKeys = new ArrayList<String>(BuiltInSecrets.KEYS);
        allKeys.addAll(extraKeys);
        for (String key : allKeys) {
            String k = BuiltInSecrets.normal(key);
            if (!k.isEmpty()) {
                keys.add(k);
            }
        }
        this.rules = BuiltInSecrets.rules(allKeys);
        for (int i = 0; i < extraPatterns.size(); i++) {
            rules.add(new PatternRule(extraPatterns.get(i), null, false, PatternRule.ALWAYS));
        }
    }

    public static Redactor of(Config config) {
        return new Redactor(config.redactKeys(), config.redactPatterns());
    }

    /** Whether values stored under {@code key} are secret. */
    public boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        String k = BuiltInSecrets.normal(key);
        for (String secret : keys) {
            if (k.contains(secret)) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with every secret-looking part replaced by {@value #MASK}. */
    public String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        String lower = asciiLowerCase(text);
        for (SecretRule rule : rules) {
            String next = rule.apply(out, lower);
            if (next != out) {
                out = next;
                lower = asciiLowerCase(out);
            }
        }
        return out;
    }

    /** Lower case for ASCII letters only, so that every position still matches the original. */
    private static String asciiLowerCase(String s) {
        char[] chars = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = s.toCharArray();
                }
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return chars == null ? s : new String(chars);
    }
}
