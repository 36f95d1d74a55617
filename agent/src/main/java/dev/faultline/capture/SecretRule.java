package dev.faultline.capture;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One text pattern whose secret part becomes {@code [REDACTED]}: the group named {@code secret}
 * when the pattern has one, else the whole match. An optional check confirms a candidate (a card
 * number must pass Luhn) so that look-alikes stay readable.
 */
final class SecretRule {
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

    final String name;
    private final Pattern pattern;
    private final Check check;
    private final boolean hasSecretGroup;

    SecretRule(String name, Pattern pattern, Check check) {
        this.name = name;
        this.pattern = pattern;
        this.check = check;
        this.hasSecretGroup = pattern.pattern().contains("(?<secret>");
    }

    static SecretRule of(String name, String regex) {
        return new SecretRule(name, Pattern.compile(regex), ALWAYS);
    }

    /** {@code text} with every confirmed secret replaced; the same instance when nothing matched. */
    String apply(String text, String mask) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            int start = hasSecretGroup ? m.start("secret") : m.start();
            int end = hasSecretGroup ? m.end("secret") : m.end();
            if (start < 0 || start == end) {
                continue;
            }
            String candidate = text.substring(start, end);
            if (candidate.equals(mask) || !check.isSecret(candidate)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, start).append(mask);
            copied = end;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }
}
