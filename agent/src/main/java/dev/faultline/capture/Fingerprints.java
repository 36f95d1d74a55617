package dev.faultline.capture;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Groups occurrences of the same error (DESIGN.md section 4): the error code when there is one;
 * else the root cause's type and its top in-app frames (class and method, no line numbers, so
 * the same bug reached from two lines of one method, or after an edit above it, stays one
 * group); for a message without a throwable, the logger, the template's shape and the call site.
 * Generated names (lambdas, proxies, CGLIB, Byte Buddy, Javassist, hidden classes) are
 * normalised because they change between runs and builds.
 */
public final class Fingerprints {
    /**
     * Stored as {@code grouping_version}; raise it when a change here moves occurrences to new
     * groups. 2: a message's template is read by its {@link MessageShape shape} (1: as written).
     * 3: an exception's frames are taken once each (recursion: the same throw reached at several
     * depths was a group per depth), and a chain without any frame adds the call that logged it
     * (2: the type alone). 4: the JVM's copy of what a failed static initializer threw (the cause
     * of every later {@code NoClassDefFoundError: Could not initialize class X}, JDK 17+) is read
     * as that exception's type ({@link #initializerFailure}), so the first failure and the later
     * uses of the class are one group (3: two).
     */
    public static final int VERSION = 4;
    private static final String INIT_ERROR = "java.lang.ExceptionInInitializerError";
    private static final int FRAMES = 5;

    private static final Pattern HIDDEN_CLASS = Pattern.compile("/0x[0-9a-fA-F]+");
    private static final Pattern PROXY_MODULE = Pattern.compile("^jdk\\.proxy\\d+\\.");
    private static final Pattern JAVASSIST = Pattern.compile("_\\$\\$_jvst.*$");
    // $$Lambda$12, $$EnhancerBySpringCGLIB$$ab12, $$SpringCGLIB$$0, $$FastClassByCGLIB$$..
    private static final Pattern DOUBLE_DOLLAR = Pattern.compile("\\$\\$.*$");
    private static final Pattern NAMED_GENERATED = Pattern.compile("\\$(?:HibernateProxy|ByteBuddy|MockitoMock)\\$.*$");
    private static final Pattern PROXY = Pattern.compile("\\$Proxy\\d+");
    private static final Pattern ACCESSOR = Pattern.compile("(Generated(?:Serialization)?(?:Method|Constructor)Accessor)\\d+");
    private static final Pattern NUMBERED_INNER = Pattern.compile("\\$\\d+");
    private static final Pattern LAMBDA_METHOD = Pattern.compile("^lambda\\$(.*?)\\$\\d+$");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("([$\\-_](?:lambda|closure|anonfun|access)?)[$\\-]?\\d+$");

    private Fingerprints() {
    }

    /**
     * The fingerprint an event had under the previous {@link #VERSION}, so that the writer can
     * merge that version's group into the new one (GROUPING.md, grouping_version). When VERSION
     * is raised, the previous rules move here. Version 1 read a message's template as written:
     * each concatenated message ({@code "order " + id + " failed"}) was a group of its own.
     * For an exception, the nearest older version whose group differs: version 3's when it does
     * (a failed initializer's later uses), else version 2's (a recursion), so that an upgrade
     * from either is migrated.
     */
    static String previousVersion(dev.faultline.bootstrap.CapturedEvent e, ExceptionChain chain, String errorCode, InAppRule inApp) {
        if (errorCode != null) {
            return null;
        }
        if (chain != null) {
            // A message's rule is version 2's too: version 1's is kept for an upgrade from it, the
            // one change a message's fingerprint had.
            String v3 = exception(chain, inApp, e, true, false);
            return !v3.equals(exception(chain, inApp, e, true, true)) ? v3 : exception(chain, inApp, null, false, false);
        }
        return message(e.logger, e.template, e.siteClass, e.siteMethod);
    }

    static String ofCode(String code) {
        return sha1("code\n" + code);
    }

    /**
     * The root cause's type plus the top in-app frames of the root cause, or, when it has none
     * (thrown inside a library on the application's behalf), of the nearest enclosing exception
     * that has some; with no in-app frame anywhere, the root cause's own top frames. With no frame
     * at all (the JVM's shared exception of a hot failure, {@code -XX:-StackTraceInThrowable}, a
     * throwable made without a stack trace), the call that logged it: the template's shape and
     * the call site, as for a message; by type alone, unrelated failures of one type were one
     * group (a trial).
     */
    static String ofException(ExceptionChain chain, InAppRule inApp) {
        return ofException(chain, inApp, null);
    }

    /** {@link #ofException(ExceptionChain, InAppRule)}, for the call {@code e} (null: none) that logged it. */
    static String ofException(ExceptionChain chain, InAppRule inApp, dev.faultline.bootstrap.CapturedEvent e) {
        return exception(chain, inApp, e, true, true);
    }

    /**
     * {@code distinct}: version 3's rule (each frame once, the logging call of a frameless chain);
     * else version 2's. {@code initializers}: version 4's reading of a failed initializer's copy.
     */
    private static String exception(ExceptionChain chain, InAppRule inApp, dev.faultline.bootstrap.CapturedEvent e, boolean distinct,
            boolean initializers) {
        ExceptionChain.Link root = chain.root();
        String original = initializers && INIT_ERROR.equals(root.type) ? initializerFailure(root.message) : null;
        StringBuilder key = new StringBuilder("exception\n").append(original != null ? original : root.type);
        java.util.Set<String> taken = distinct ? new java.util.HashSet<String>() : null;
        boolean anyFrame = false;
        for (int i = chain.links.size() - 1; i >= 0; i--) {
            StackTraceElement[] frames = chain.links.get(i).frames;
            anyFrame |= frames.length > 0;
            if (appendFrames(key, frames, inApp, taken)) {
                return sha1(key.toString());
            }
        }
        appendFrames(key, root.frames, null, taken);
        if (distinct && !anyFrame && e != null && e.siteClass != null) {
            key.append("\nlogged ").append(MessageShape.of(e.template)).append(" at ").append(normalClass(e.siteClass)).append('#')
                    .append(normalMethod(e.siteMethod));
        }
        return sha1(key.toString());
    }

    /**
     * The type of the exception a static initializer threw, from the message of the copy the JVM
     * keeps of it (JDK 17 and later) and gives as the cause of every later {@code
     * NoClassDefFoundError: Could not initialize class X}: {@code Exception
     * java.lang.NumberFormatException: For input string: "x" [in thread "main"]} (its frames are
     * the original's); null for any other message, an application's own {@code
     * ExceptionInInitializerError} included.
     */
    static String initializerFailure(String message) {
        if (message == null || !message.startsWith("Exception ") || !message.endsWith("\"]")
                || message.indexOf(" [in thread \"") < 0) {
            return null;
        }
        int end = "Exception ".length();
        while (end < message.length() && message.charAt(end) != ':' && message.charAt(end) != ' ') {
            end++;
        }
        return end > "Exception ".length() ? message.substring("Exception ".length(), end) : null;
    }

    /**
     * Appends the top {@link #FRAMES} frames (in-app ones when {@code inApp} is given); with
     * {@code taken}, each class and method once: a recursion's frames repeat, and how deep the
     * throw was reached must not make another group (a stack overflow's thousands of frames are
     * all looked at then, once per record on the writer). True when one was appended.
     */
    private static boolean appendFrames(StringBuilder key, StackTraceElement[] frames, InAppRule inApp, java.util.Set<String> taken) {
        int used = 0;
        for (int i = 0; i < frames.length && used < FRAMES; i++) {
            StackTraceElement f = frames[i];
            if (f == null || inApp != null && !inApp.inApp(f.getClassName())) {
                if (inApp == null && taken == null) {
                    used++; // version 2 counted a missing frame of the root's top five too
                }
                continue;
            }
            String frame = normalClass(f.getClassName()) + '#' + normalMethod(f.getMethodName());
            if (taken != null && !taken.add(frame)) {
                continue;
            }
            key.append('\n').append(frame);
            used++;
        }
        return used > 0;
    }

    /** The logger, the template's {@link MessageShape shape} and the call site's class and method. */
    static String ofMessage(String logger, String template, String siteClass, String siteMethod) {
        return message(logger, MessageShape.of(template), siteClass, siteMethod);
    }

    private static String message(String logger, String template, String siteClass, String siteMethod) {
        return sha1("message\n" + logger + "\n" + template + "\n" + normalClass(siteClass) + "#" + normalMethod(siteMethod));
    }

    /** Normal forms found before, by name: the same frames come with every occurrence of a group. */
    private static final int MAX_KNOWN_NAMES = 4096;
    private static final java.util.Map<String, String> NORMAL_CLASSES = new java.util.concurrent.ConcurrentHashMap<String, String>();
    private static final java.util.Map<String, String> NORMAL_METHODS = new java.util.concurrent.ConcurrentHashMap<String, String>();

    static String normalClass(String name) {
        if (name == null) {
            return "";
        }
        String known = NORMAL_CLASSES.get(name);
        if (known == null) {
            known = remember(NORMAL_CLASSES, name, normalizeClass(name));
        }
        return known;
    }

    private static String remember(java.util.Map<String, String> known, String name, String normal) {
        if (known.size() >= MAX_KNOWN_NAMES) {
            known.clear();
        }
        known.put(name, normal);
        return normal;
    }

    private static String normalizeClass(String name) {
        String n = HIDDEN_CLASS.matcher(name).replaceAll("");
        n = PROXY_MODULE.matcher(n).replaceFirst("jdk.proxy.");
        n = JAVASSIST.matcher(n).replaceAll("");
        n = DOUBLE_DOLLAR.matcher(n).replaceAll("");
        n = NAMED_GENERATED.matcher(n).replaceAll("");
        n = PROXY.matcher(n).replaceAll("\\$Proxy");
        n = ACCESSOR.matcher(n).replaceAll("$1");
        return NUMBERED_INNER.matcher(n).replaceAll("\\$");
    }

    /** {@code lambda$handle$3} -> {@code lambda$handle}; Kotlin, Groovy and Scala numbering likewise. */
    static String normalMethod(String name) {
        if (name == null) {
            return "";
        }
        String known = NORMAL_METHODS.get(name);
        if (known == null) {
            known = remember(NORMAL_METHODS, name, normalizeMethod(name));
        }
        return known;
    }

    private static String normalizeMethod(String name) {
        String n = LAMBDA_METHOD.matcher(name).replaceAll("lambda\\$$1");
        return TRAILING_NUMBER.matcher(n).replaceAll("$1");
    }

    /** A grouping rule's fingerprint: its own prefix, so that it never equals a built-in one. */
    static String ofRule(String ruleId, java.util.List<String> values) {
        return sha1("rule\n" + ruleId + "\n" + String.join("\n", values));
    }

    /** The SHA-1 of {@code s} (UTF-8) in lower-case hex, 40 characters. */
    public static String sha1(String s) {
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
