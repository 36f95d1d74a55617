package dev.faultline.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression whose secret part becomes {@link Redactor#MASK}: the group named
 * {@code secret} when the pattern has one, else the whole match. An optional check confirms a
 * candidate so that look-alikes stay readable.
 *
 * <p>Speed: a regular expression tried at every position of a 100 kB stack trace costs
 * milliseconds, and the writer converts thousands of records a second in an error storm. So a
 * built-in rule names the literals its matches start with (its anchors); they are found with
 * {@code indexOf}, and the expression is only tried there. Users' patterns, without anchors, scan
 * the whole text.
 */
final class PatternRule implements SecretRule {
    /** Confirms that a candidate really is a secret. */
    interface Check {
        boolean isSecret(String candidate);
    }

    static final Check ALWAYS = new Check() {
        @Override
        public boolean isSecret(String candidate) {
            return true;
        }
    };

    private final Pattern pattern;
    private final String[] anchors;
    private final boolean anchorsIgnoreCase;
    private final Check check;
    private final boolean hasSecretGroup;
    /** A literal every match's text holds, looked for before the anchors (lower case when they ignore case); null: none. */
    private String gate;

    /**
     * @param anchors literals every match starts with (lower case when {@code anchorsIgnoreCase}),
     *     or null to scan the whole text
     */
    PatternRule(String regex, String[] anchors, boolean anchorsIgnoreCase, Check check) {
        this.pattern = Pattern.compile(regex);
        this.anchors = anchors == null ? null : withoutLongerForms(anchors);
        this.anchorsIgnoreCase = anchorsIgnoreCase;
        this.check = check;
        this.hasSecretGroup = regex.contains("(?<secret>");
    }

    static PatternRule anchored(String regex, String... anchors) {
        return new PatternRule(regex, anchors, false, ALWAYS);
    }

    static PatternRule anchoredIgnoringCase(String regex, String... anchors) {
        return new PatternRule(regex, anchors, true, ALWAYS);
    }

    /** {@code api} finds every match {@code apikey} would: the longer anchor is left out. */
    private static String[] withoutLongerForms(String[] anchors) {
        List<String> kept = new ArrayList<String>();
        for (String a : anchors) {
            boolean covered = false;
            for (String other : anchors) {
                covered |= !other.equals(a) && a.startsWith(other);
            }
            if (!covered && !kept.contains(a)) {
                kept.add(a);
            }
        }
        return kept.toArray(new String[0]);
    }

    /**
     * This rule, tried only on a text that holds {@code literal}: one {@code indexOf} instead of
     * one per anchor for the texts without it (a rule with an anchor per secret key costs a
     * microsecond a text otherwise).
     */
    PatternRule gatedBy(String literal) {
        gate = literal;
        return this;
    }

    /** The literals every match starts with, or null when the rule scans the whole text. */
    String[] anchors() {
        return anchors;
    }

    @Override
    public String apply(String text, String lower) {
        if (anchors == null) {
            return scan(text, pattern.matcher(text));
        }
        String haystack = anchorsIgnoreCase ? lower : text;
        if (gate != null && haystack.indexOf(gate) < 0) {
            return text;
        }
        int[] next = new int[anchors.length];
        boolean any = false;
        for (int i = 0; i < anchors.length; i++) {
            next[i] = haystack.indexOf(anchors[i]);
            any |= next[i] >= 0;
        }
        if (!any) {
            return text;
        }
        Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (true) {
            int at = -1;
            for (int i = 0; i < anchors.length; i++) {
                if (next[i] >= 0 && next[i] < from) {
                    next[i] = haystack.indexOf(anchors[i], from);
                }
                if (next[i] >= 0 && (at < 0 || next[i] < at)) {
                    at = next[i];
                }
            }
            if (at < 0) {
                break;
            }
            m.region(at, text.length());
            if (m.lookingAt() && confirmed(text, m)) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, start(m)).append(Redactor.MASK);
                copied = end(m);
                from = Math.max(m.end(), at + 1);
            } else {
                from = at + 1;
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** The whole-text scan, for patterns without anchors. */
    private String scan(String text, Matcher m) {
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            if (confirmed(text, m)) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, start(m)).append(Redactor.MASK);
                copied = end(m);
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private boolean confirmed(String text, Matcher m) {
        int start = start(m);
        int end = end(m);
        if (start < 0 || start == end) {
            return false;
        }
        String candidate = text.substring(start, end);
        return !candidate.equals(Redactor.MASK) && check.isSecret(candidate);
    }

    private int start(Matcher m) {
        return hasSecretGroup ? m.start("secret") : m.start();
    }

    private int end(Matcher m) {
        return hasSecretGroup ? m.end("secret") : m.end();
    }
}
