package dev.faultline.intake;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;

/**
 * Reads, on the application thread and only for an event that needs its call site, where the
 * framework was told the logging code ends ({@code CapturedEvent.siteBoundary}, set by the hook):
 * the FQCN a wrapper handed Log4j2 ({@code ExtendedLogger.logIfEnabled(fqcn, ..)}) or SLF4J's
 * {@code LocationAwareLogger.log(marker, fqcn, ..)} (Logback keeps it in its {@code LoggingEvent}'s
 * package-private {@code fqnOfLoggerClass}) or Log4j 1's {@code Category.log(fqcn, ..)} (its event's
 * public {@code fqnOfCategoryClass}, read by the hook), or a JUL record's explicit source class and method.
 *
 * <p>The framework's own FQCN ({@code ch.qos.logback.classic.Logger}, Log4j2's {@code
 * AbstractLogger}, a bridge's class) and the JDK's are logging code already skipped: the answer
 * is then null, so the usual call of a logger costs a type check and a field read here, and its
 * call-site cache entry is the one it had.
 */
public final class SiteBoundary {
    /** {@link #READER}'s answer for JUL's LogRecord and its subclasses. */
    private static final Object JUL_RECORD = new Object();
    /** {@link #READER}'s answer for a class with nothing to read. */
    private static final Object NOTHING = new Object();

    /**
     * What to read from a hint of each class, found once per class: {@link #JUL_RECORD}, Logback's
     * field of the FQCN, or {@link #NOTHING}.
     */
    private static final ClassValue<Object> READER = new ClassValue<Object>() {
        @Override
        protected Object computeValue(Class<?> type) {
            if (isLogRecord(type)) {
                return JUL_RECORD;
            }
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    Field f = c.getDeclaredField("fqnOfLoggerClass");
                    if (f.getType() != String.class) {
                        return NOTHING;
                    }
                    // Logback on the class path is in an unnamed module: open to us. On the module
                    // path it is not, and this fails: such events keep the framework's rule.
                    f.setAccessible(true);
                    return f;
                } catch (NoSuchFieldException e) {
                    // its superclass may declare it
                } catch (RuntimeException | LinkageError e) {
                    return NOTHING;
                }
            }
            return NOTHING;
        }
    };

    /**
     * The last FQCN read and its answer: a framework or a helper hands the same constant String
     * with every call, so this identity check spares the prefix checks. Racy on purpose: a stale
     * value only costs those checks.
     */
    private static Memo last = new Memo("", null);

    /** One FQCN and its answer, published together. */
    private static final class Memo {
        final String name;
        final String boundary;

        Memo(String name, String boundary) {
            this.name = name;
            this.boundary = boundary;
        }
    }

    private static final String LOG_RECORD = "java.util.logging.LogRecord";
    /** Published by {@link #open}'s volatile write; read by {@link Jul}'s initialiser. */
    private static VarHandle inferring;
    private static volatile boolean julOpened;

    private SiteBoundary() {
    }

    /**
     * Opens {@code java.util.logging} to this module and finds LogRecord's {@code
     * needToInferCaller}, once, on the writer thread (as {@link Frames#open}); the reason when that
     * failed, else null. Until then a JUL record's explicit source is not read.
     */
    public static String open(Instrumentation inst) {
        try {
            Class<?> record = Class.forName(LOG_RECORD);
            Frames.openToAgent(inst, record);
            inferring = MethodHandles.privateLookupIn(record, MethodHandles.lookup())
                    .findVarHandle(record, "needToInferCaller", boolean.class);
            julOpened = true;
            return null;
        } catch (Throwable t) {
            return t.toString();
        }
    }

    /** The handle as a constant (see {@link Frames}): initialised at its first use, after {@link #open}. */
    private static final class Jul {
        static final VarHandle NEED_TO_INFER = inferring;

        /** The record's explicit source, or null when JUL would infer it (reading it then would walk the stack). */
        static Object source(Object hint) {
            java.util.logging.LogRecord r = (java.util.logging.LogRecord) hint;
            if ((boolean) NEED_TO_INFER.get(r)) {
                return null;
            }
            String className = r.getSourceClassName();
            if (className == null || CallerFrames.isLoggingCode(className)) {
                return null;
            }
            return new CallerFrames.Source(className, r.getSourceMethodName());
        }
    }

    /**
     * The boundary of an event from the hook's {@code hint}: an FQCN (String) that is not logging
     * code already, a {@link CallerFrames.Source}, or null (the framework's usual rule).
     */
    public static Object of(Object hint) {
        if (hint == null) {
            return null;
        }
        try {
            if (hint instanceof String) {
                return fqcn((String) hint);
            }
            Object reader = READER.get(hint.getClass());
            if (reader == JUL_RECORD) {
                return julOpened ? Jul.source(hint) : null;
            }
            return reader == NOTHING ? null : fqcn((String) ((Field) reader).get(hint));
        } catch (Throwable unreadable) {
            // The usual rule: never worse than before the boundary was read.
            return null;
        }
    }

    private static String fqcn(String name) {
        Memo known = last;
        if (name == known.name) {
            return known.boundary;
        }
        if (name == null || name.isEmpty()) {
            return null;
        }
        String boundary = CallerFrames.isLoggingCode(name) ? null : name;
        last = new Memo(name, boundary);
        return boundary;
    }

    /** By name, once per class: the type check would load JUL's classes for a Logback event. */
    private static boolean isLogRecord(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getName().equals(LOG_RECORD)) {
                return true;
            }
        }
        return false;
    }
}
