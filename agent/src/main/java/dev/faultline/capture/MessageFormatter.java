package dev.faultline.capture;

import dev.faultline.bootstrap.CapturedEvent;
import java.text.MessageFormat;
import java.util.Arrays;

/**
 * Formats a message the way the framework that logged it would: SLF4J / Logback {@code {}}
 * anchors, or JUL's {@code MessageFormat}. Runs on the agent's thread; every argument's
 * {@code toString} is guarded.
 */
final class MessageFormatter {
    private MessageFormatter() {
    }

    static String format(String template, Object[] args, int format) {
        if (template == null) {
            return "";
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
            appendArgument(out, args[arg++]);
            from = anchor + 2;
        }
        out.append(template, from, template.length());
        return out.toString();
    }

    private static void appendArgument(StringBuilder out, Object arg) {
        if (arg instanceof Object[]) {
            out.append(Safe.toString(new Deep((Object[]) arg)));
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

    /** Object arrays print deeply, as SLF4J does; a self-containing array prints as [...]. */
    private static final class Deep {
        private final Object[] array;

        Deep(Object[] array) {
            this.array = array;
        }

        @Override
        public String toString() {
            Object[] safe = new Object[array.length];
            for (int i = 0; i < array.length; i++) {
                Object o = array[i];
                safe[i] = o instanceof Object[] || o == null || o.getClass().isArray() ? o : Safe.toString(o);
            }
            return Arrays.deepToString(safe);
        }
    }

    /** JUL's Formatter.formatMessage: MessageFormat only when the template has {0}..{3}-style anchors. */
    static String messageFormat(String template, Object[] args) {
        if (!(template.contains("{0") || template.contains("{1") || template.contains("{2") || template.contains("{3"))) {
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
}
