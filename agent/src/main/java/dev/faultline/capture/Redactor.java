package dev.faultline.capture;

import dev.faultline.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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
            String k = normalKey(key);
            if (!k.isEmpty()) {
                keys.add(k);
            }
        }
        this.rules = BuiltInSecrets.rules(allKeys);
        for (int i = 0; i < extraPatterns.size(); i++) {
            rules.add(new SecretRule("redact.patterns[" + i + "]", Pattern.compile(extraPatterns.get(i)), SecretRule.ALWAYS));
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
        String k = normalKey(key);
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
        for (SecretRule rule : rules) {
            out = rule.apply(out, MASK);
        }
        return out;
    }

    private static String normalKey(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '-' && c != '_' && c != '.' && c != ' ') {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
