package dev.faultline.capture;

import dev.faultline.bootstrap.CapturedEvent;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Formats a message the way the framework that logged it would: SLF4J / Logback {@code {}}
 * anchors, or JUL's {@code MessageFormat}. Runs on the agent's thread; every argument's
 * {@code toString} is guarded.
 */
final class MessageFormatter {
    private MessageFormatter() {
    }

    static String format(String template, Object[] args, int format) {
        if (format == CapturedEvent.FORMAT_FORMATTED && args != null && args.length > 0) {
            // Formatted on the application thread; the template may be null (Log4j2's object messages).
            return Safe.toString(args[0]);
        }
        if (template == null) {
            // As Logback, Log4j2, JUL and Log4j 1 print a null message: String.valueOf(null).
            return "null";
        }
        if (args == null || args.length == 0) {
            return template;
        }
        switch (format) {
            case CapturedEvent.FORMAT_SLF4J:
                return slf4j(template, args);
            case CapturedEvent.FORMAT_MESSAGE_FORMAT:
                return messageFormat(template, args);
            case CapturedEvent.FORMAT_FORMATTED:
                return Safe.toString(args[0]);
            default:
                return template;
        }
    }

    /** SLF4J rules: {@code \{}} is a literal, {@code \\{}} an escaped backslash then an anchor. */
    static String slf4j(String template, Object[] args) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int from = 0;
        int arg = 0;
        while (arg < args.length) {
            int anchor = template.indexOf("{}", from);
            if (anchor < 0) {
                break;
            }
            boolean escaped = anchor > 0 && template.charAt(anchor - 1) == '\\';
            boolean doubleEscaped = escaped && anchor > 1 && template.charAt(anchor - 2) == '\\';
            if (escaped && !doubleEscaped) {
                out.append(template, from, anchor - 1).append("{}");
                from = anchor + 2;
                continue;
            }
            out.append(template, from, doubleEscaped ? anchor - 1 : anchor);
            appendArgument(out, args[arg++], null);
            from = anchor + 2;
        }
        out.append(template, from, template.length());
        return out.toString();
    }

    /**
     * Object arrays print deeply, as SLF4J does, each element guarded on its own (one element's
     * failing toString must not lose the others); an array inside itself prints as [...].
     * {@code open} holds the arrays being printed; null until the first one.
     */
    private static void appendArgument(StringBuilder out, Object arg, Set<Object[]> open) {
        if (arg instanceof Object[]) {
            Object[] array = (Object[]) arg;
            Set<Object[]> inside = open != null ? open : Collections.newSetFromMap(new IdentityHashMap<Object[], Boolean>());
            out.append('[');
            if (inside.add(array)) {
                for (int i = 0; i < array.length; i++) {
                    out.append(i > 0 ? ", " : "");
                    appendArgument(out, array[i], inside);
                }
                inside.remove(array);
            } else {
                out.append("...");
            }
            out.append(']');
        } else if (arg != null && arg.getClass().isArray()) {
            out.append(primitiveArray(arg));
        } else {
            out.append(Safe.toString(arg));
        }
    }

    private static String primitiveArray(Object a) {
        if (a instanceof int[]) {
            return Arrays.toString((int[]) a);
        }
        if (a instanceof long[]) {
            return Arrays.toString((long[]) a);
        }
        if (a instanceof byte[]) {
            return Arrays.toString((byte[]) a);
        }
        if (a instanceof char[]) {
            return Arrays.toString((char[]) a);
        }
        if (a instanceof short[]) {
            return Arrays.toString((short[]) a);
        }
        if (a instanceof boolean[]) {
            return Arrays.toString((boolean[]) a);
        }
        if (a instanceof float[]) {
            return Arrays.toString((float[]) a);
        }
        return Arrays.toString((double[]) a);
    }

    /**
     * JUL's Formatter.formatMessage: MessageFormat only when some '{' is followed by a digit
     * (as on JDK 17 and 25; JDK 8 looked for {0 to {3 only), else the template as it is.
     */
    static String messageFormat(String template, Object[] args) {
        if (!hasNumberedAnchor(template)) {
            return template;
        }
        Object[] safe = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            // Numbers and dates keep their type so MessageFormat's own number/date styles apply.
            safe[i] = a == null || a instanceof Number || a instanceof java.util.Date ? a : Safe.toString(a);
        }
        try {
            return MessageFormat.format(template, safe);
        } catch (RuntimeException e) {
            return template;
        }
    }

    private static boolean hasNumberedAnchor(String template) {
        for (int i = template.indexOf('{'); i >= 0 && i < template.length() - 1; i = template.indexOf('{', i + 1)) {
            char next = template.charAt(i + 1);
            if (next >= '0' && next <= '9') {
                return true;
            }
        }
        return false;
    }
}
