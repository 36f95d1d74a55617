package dev.faultline.capture;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Groups occurrences of the same error (DESIGN.md section 4): the error code when there is one;
 * else the root cause's type and its top in-app frames (class and method, no line numbers, so
 * an edit above the bug does not split its group); for a message without a throwable, the
 * logger, the template and the call site.
 */
final class Fingerprints {
    static final int VERSION = 1;
    private static final int FRAMES = 5;

    // Generated names change between runs and builds; they must not split groups.
    private static final Pattern GENERATED_SUFFIX = Pattern.compile("\\$\\$.*$");
    private static final Pattern PROXY = Pattern.compile("\\$Proxy\\d+");
    private static final Pattern HIBERNATE = Pattern.compile("\\$HibernateProxy\\$.*$");
    private static final Pattern LAMBDA_METHOD = Pattern.compile("^lambda\\$(.*)\\$\\d+$");
    private static final Pattern NUMBERED_INNER = Pattern.compile("\\$\\d+");
    private static final Pattern HIDDEN_CLASS = Pattern.compile("/0x[0-9a-fA-F]+");

    private Fingerprints() {
    }

    static String ofCode(String code) {
        return sha1("code\n" + code);
    }

    static String ofException(ExceptionChain.Link root, InAppRule inApp) {
        StringBuilder key = new StringBuilder("exception\n").append(root.type);
        int used = 0;
        for (StackTraceElement frame : root.frames) {
            if (inApp.inApp(frame.getClassName())) {
                key.append('\n').append(normalClass(frame.getClassName())).append('#').append(normalMethod(frame.getMethodName()));
                if (++used == FRAMES) {
                    break;
                }
            }
        }
        if (used == 0 && root.frames.length > 0) {
            // No application frame at all: the top frames of the library are the best we have.
            for (int i = 0; i < Math.min(FRAMES, root.frames.length); i++) {
                StackTraceElement f = root.frames[i];
                key.append('\n').append(normalClass(f.getClassName())).append('#').append(normalMethod(f.getMethodName()));
            }
        }
        return sha1(key.toString());
    }

    static String ofMessage(String logger, String template, String siteClass, String siteMethod) {
        return sha1("message\n" + logger + "\n" + template + "\n" + normalClass(siteClass) + "#" + normalMethod(siteMethod));
    }

    static String normalClass(String name) {
        if (name == null) {
            return "";
        }
        String n = HIDDEN_CLASS.matcher(name).replaceAll("");
        n = HIBERNATE.matcher(n).replaceAll("");
        n = GENERATED_SUFFIX.matcher(n).replaceAll("");
        n = PROXY.matcher(n).replaceAll("\\$Proxy");
        return NUMBERED_INNER.matcher(n).replaceAll("\\$");
    }

    static String normalMethod(String name) {
        if (name == null) {
            return "";
        }
        return LAMBDA_METHOD.matcher(name).replaceAll("lambda\\$$1");
    }

    private static String sha1(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(40);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-1", e);
        }
    }
}
