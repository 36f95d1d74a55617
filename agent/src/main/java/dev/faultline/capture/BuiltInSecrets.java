package dev.faultline.capture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The secrets Faultline redacts without being told (DESIGN.md section 3, {@code redact.keys}
 * and {@code redact.patterns}); users' entries are added to these, never replace them.
 */
final class BuiltInSecrets {
    /** Context keys, field names and {@code key=value} keys whose values are secret. */
    static final List<String> KEYS = Collections.unmodifiableList(Arrays.asList(
            "password", "passwd", "pwd", "passphrase", "secret", "token", "api_key", "apikey", "access_key",
            "authorization", "auth_header", "cookie", "set-cookie", "session", "credential", "private_key",
            "jwt", "cvv", "cvc"));

    // A value after "key=" or "key": a double-quoted, single-quoted or backslash-quoted string
    // (closing quote optional: the text may have been cut), or a bare word, optionally preceded by
    // an HTTP auth scheme. Never a source position such as TokenService.java:42).
    private static final String VALUE = "(?<secret>\"(?:[^\"\\\\\\r\\n]|\\\\.)*\"?"
            + "|'(?:[^'\\\\\\r\\n]|\\\\.)*'?"
            + "|\\\\\"(?:[^\"\\\\]|\\\\[^\"])*(?:\\\\\")?"
            + "|(?:(?i:bearer|basic|digest|token|negotiate)\\s+)?(?!\\d+\\))[^\\s,;&\"'<>{}()]+)";

    private BuiltInSecrets() {
    }

    /** The built-in text rules, the {@code key=value} rule covering {@code keys}. */
    static List<SecretRule> rules(List<String> keys) {
        List<SecretRule> rules = new ArrayList<SecretRule>();
        rules.add(SecretRule.of("pem", "-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?<secret>[\\s\\S]*?)(?:-----END|\\z)"));
        rules.add(SecretRule.of("cookie-header", "(?i)\\b(?:set-)?cookie\\s*[:=]\\s*(?<secret>[^\\r\\n]+)"));
        rules.add(keyValue(keys));
        rules.add(SecretRule.of("bearer", "(?i)\\bbearer\\s+(?<secret>[A-Za-z0-9\\-._~+/]{8,}=*)"));
        rules.add(new SecretRule("basic", Pattern.compile("(?i)\\bbasic\\s+(?<secret>[A-Za-z0-9+/]{6,}={0,2})"), BASIC));
        rules.add(SecretRule.of("url-credentials", "://(?<user>[^:/?#@\\s]*):(?<secret>[^@/?#\\s]+)@"));
        rules.add(SecretRule.of("oracle-credentials", "(?i)jdbc:oracle:[a-z0-9]+:[^/\\s@:]+/(?<secret>[^@\\s]+)@"));
        rules.add(SecretRule.of("aws-access-key", "\\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA)[A-Z0-9]{16}\\b"));
        rules.add(SecretRule.of("jwt", "\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"));
        rules.add(SecretRule.of("github-token", "\\bgh[pousr]_[A-Za-z0-9]{30,}"));
        rules.add(SecretRule.of("slack-token", "\\bxox[abposr]-[A-Za-z0-9-]{10,}"));
        rules.add(SecretRule.of("google-api-key", "\\bAIza[0-9A-Za-z_-]{35}"));
        rules.add(SecretRule.of("stripe-key", "\\b[rs]k_(?:live|test)_[0-9A-Za-z]{16,}"));
        rules.add(new SecretRule("card-number", Pattern.compile("(?<!\\w)[2-6](?:[ -]?\\d){12,18}(?!\\w)"), LUHN));
        return rules;
    }

    /** {@code password=x}, {@code "api_key": "x"}, {@code db.password: x}, {@code X-Auth-Token=x}. */
    private static SecretRule keyValue(List<String> keys) {
        StringBuilder alternatives = new StringBuilder();
        for (String key : keys) {
            StringBuilder k = new StringBuilder();
            for (String part : key.split("[-_. ]+")) {
                if (!part.isEmpty()) {
                    k.append(k.length() == 0 ? "" : "[-_. ]?").append(Pattern.quote(part));
                }
            }
            if (k.length() > 0) {
                alternatives.append(alternatives.length() == 0 ? "" : "|").append(k);
            }
        }
        // Not the first line of a trace: "SessionException: Session is closed" names no secret.
        String regex = "(?i)(?:" + alternatives + ")[\\w.-]*(?<!exception)(?<!error)(?:\\\\?[\"'])?\\s*[:=]\\s*" + VALUE;
        return SecretRule.of("key-value", regex);
    }

    /** A {@code Basic} credential is base64 of {@code user:password}; "basic configuration" is not. */
    static final SecretRule.Check BASIC = new SecretRule.Check() {
        @Override
        public boolean isSecret(String candidate) {
            try {
                String decoded = new String(Base64.getDecoder().decode(candidate), StandardCharsets.UTF_8);
                return decoded.indexOf(':') > 0;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    };

    /** 13 to 19 digits passing the Luhn check; separators (space, dash) ignored. */
    static final SecretRule.Check LUHN = new SecretRule.Check() {
        @Override
        public boolean isSecret(String candidate) {
            int sum = 0;
            int digits = 0;
            for (int i = candidate.length() - 1; i >= 0; i--) {
                char c = candidate.charAt(i);
                if (c < '0' || c > '9') {
                    continue;
                }
                int d = c - '0';
                if (digits % 2 == 1) {
                    d *= 2;
                    if (d > 9) {
                        d -= 9;
                    }
                }
                sum += d;
                digits++;
            }
            return digits >= 13 && digits <= 19 && sum % 10 == 0;
        }
    };
}
