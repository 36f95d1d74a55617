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

    /** Secret keys answered before, by key: the same few context keys come with every record. */
    private static final int MAX_KNOWN_KEYS = 1024;

    private final List<String> keys = new ArrayList<String>();
    private final List<SecretRule> rules;
    /** The built-in rules, skipped for a text the filter rules out; null: each text goes through all rules. */
    private final AnchorFilter filter;
    /** How many of {@link #rules}, from the first, the filter covers (the rest: users' patterns, always run). */
    private final int filtered;
    private final java.util.Map<String, Boolean> knownKeys = new java.util.concurrent.ConcurrentHashMap<String, Boolean>();
    /** Keys as stored ({@link #key}), by key: bounded as {@link #knownKeys}, keys longer than a field name's cap not kept. */
    private final java.util.Map<String, String> storedKeys = new java.util.concurrent.ConcurrentHashMap<String, String>();

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
        this.filtered = rules.size();
        this.filter = AnchorFilter.of(anchors(rules));
        for (int i = 0; i < extraPatterns.size(); i++) {
            rules.add(new PatternRule(extraPatterns.get(i), null, false, PatternRule.ALWAYS));
        }
    }

    public static Redactor of(Config config) {
        return new Redactor(config.redactKeys(), config.redactPatterns());
    }

    /** The anchors of the built-in rules; a rule without anchors has a too short one, so that nothing is filtered. */
    private static List<String> anchors(List<SecretRule> builtIn) {
        List<String> out = new ArrayList<String>();
        for (SecretRule rule : builtIn) {
            if (rule instanceof PatternRule) {
                String[] a = ((PatternRule) rule).anchors();
                out.addAll(a == null ? List.of("") : List.of(a));
            } else if (!(rule instanceof CardNumberRule)) {
                out.add("");
            }
        }
        return out;
    }

    /** Whether values stored under {@code key} are secret. */
    public boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        return remembered(knownKeys, key, this::secretKey);
    }

    /** {@code answers}' answer for {@code key}, made and kept when it has none; emptied when {@link #MAX_KNOWN_KEYS} are kept. */
    private static <V> V remembered(java.util.Map<String, V> answers, String key, java.util.function.Function<String, V> answer) {
        V known = answers.get(key);
        if (known == null) {
            known = answer.apply(key);
            if (answers.size() >= MAX_KNOWN_KEYS) {
                answers.clear();
            }
            answers.put(key, known);
        }
        return known;
    }

    private boolean secretKey(String key) {
        String k = BuiltInSecrets.normal(key);
        if (BuiltInSecrets.EXACT_KEYS.contains(k)) {
            return true;
        }
        for (String secret : keys) {
            if (k.contains(secret)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An application's key (a context key, a map key, a field name) as it may be stored: cut to
     * {@value ContextReader#MAX_KEY_LENGTH} characters (before a word it would split, as texts are
     * cut), then redacted as a text. Applications put a whole {@code password=x}, or a URL with
     * its credentials, into a key: {@code password=[REDACTED]} keeps the entry, visibly hidden.
     * Not yet escaped for MongoDB ({@link ContextReader#fieldName}): escaping first would turn the
     * dots some rules need ({@code hooks.slack.com}, a JWT's) into {@code _}.
     */
    public String key(String key) {
        if (key == null || key.isEmpty()) {
            return key;
        }
        if (key.length() > ContextReader.MAX_KEY_LENGTH) {
            return text(key.substring(0, Safe.cutPoint(key, ContextReader.MAX_KEY_LENGTH)));
        }
        return remembered(storedKeys, key, this::text);
    }

    /** {@code text} with every secret-looking part replaced by {@value #MASK}. */
    public String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        int from = filter == null || filter.mayMatch(text) ? 0 : filtered;
        if (from == rules.size()) {
            return text;
        }
        String lower = asciiLowerCase(text);
        for (int i = from; i < rules.size(); i++) {
            SecretRule rule = rules.get(i);
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
