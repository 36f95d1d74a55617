package com.example.hostile;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The hostile-input catalogue (issue 4, item 7): each case logs one error through SLF4J and
 * Logback, with its own logger {@code hostile.<case>}, in one run. The application must carry on
 * to "hostile: done" whatever the agent makes of it.
 */
public class HostileApp {
    /** Case name -> what it logs. */
    static final Map<String, Runnable> CASES = new LinkedHashMap<>();
    /** The catalogue, for the test that checks every case was stored. */
    public static final List<String> CASE_NAMES;

    static {
        CASES.put("null-message", () -> log("null-message").error((String) null));
        CASES.put("null-exception-message", () -> log("null-exception-message").error("no message", new IllegalStateException()));
        CASES.put("ten-megabyte-message", () -> log("ten-megabyte-message").error("m".repeat(10 * 1024 * 1024)));
        CASES.put("stack-overflow", HostileApp::stackOverflow);
        CASES.put("cyclic-causes", HostileApp::cyclicCauses);
        CASES.put("throwing-accessors", () -> log("throwing-accessors").error("confined", new ThreadConfinedException("works here only")));
        CASES.put("throwing-argument", () -> log("throwing-argument").error("order {} for {}", 7, new Object() {
            @Override
            public String toString() {
                throw new UnsupportedOperationException("no text for you");
            }
        }));
        CASES.put("self-containing-argument", HostileApp::selfContainingArgument);
        CASES.put("surrogates-and-non-bmp", () -> withMdc(Map.of("note", "lone \uDC00 low"),
                () -> log("surrogates-and-non-bmp").error("lone \uD800 high, pair \uD83D\uDE00 emoji, clef \uD834\uDD1E, lone \uDFFF low")));
        CASES.put("control-characters", () -> withMdc(Map.of("k\u0000ey", "v\u0000al"),
                () -> log("control-characters").error("nul \u0000 bell \u0007 escape \u001b[31mred\u001b[0m cr \r lf \n end")));
        CASES.put("ten-thousand-mdc-entries", HostileApp::tenThousandMdcEntries);
        CASES.put("megabyte-mdc-values", HostileApp::megabyteMdcValues);
        CASES.put("dotted-and-dollar-keys", () -> withMdc(Map.of("user.name", "ann", "$where", "1", "$", "d", "a.b.c", "abc", ".", "dot"),
                () -> log("dotted-and-dollar-keys").error("odd keys")));
        CASES.put("ten-thousand-suppressed", HostileApp::tenThousandSuppressed);
        CASES.put("vanished-class-loader", HostileApp::vanishedClassLoader);
        CASES.put("same-throwable-twice", HostileApp::sameThrowableTwice);
        CASES.put("thousand-causes", HostileApp::thousandCauses);
        CASES.put("hundred-thousand-frames", HostileApp::hundredThousandFrames);
        CASES.put("hostile-fields", () -> log("hostile-fields").error("fields", new HostileFieldsException()));
        CASES.put("oversize-record", HostileApp::oversizeRecord);
        CASE_NAMES = List.copyOf(CASES.keySet());
    }

    public static void main(String[] args) {
        for (Runnable c : CASES.values()) {
            c.run();
        }
        System.out.println("hostile: done (" + CASES.size() + " cases)");
    }

    private static Logger log(String name) {
        return LoggerFactory.getLogger("hostile." + name);
    }

    private static void withMdc(Map<String, String> entries, Runnable body) {
        entries.forEach(MDC::put);
        try {
            body.run();
        } finally {
            MDC.clear();
        }
    }

    private static int depth;

    private static void recurse() {
        depth++;
        recurse();
    }

    private static void stackOverflow() {
        try {
            recurse();
        } catch (StackOverflowError e) {
            log("stack-overflow").error("recursed " + depth + " deep", e);
        }
    }

    private static void cyclicCauses() {
        Exception a = new IllegalStateException("a");
        Exception b = new IllegalArgumentException("b", a);
        a.initCause(b);
        log("cyclic-causes").error("cycle", a);
    }

    private static void selfContainingArgument() {
        Object[] self = new Object[2];
        self[0] = "me";
        self[1] = self;
        log("self-containing-argument").error("self {}", (Object) self);
    }

    private static void tenThousandMdcEntries() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            entries.put("key" + i, "value" + i);
        }
        entries.put("user_id", "user-42");
        withMdc(entries, () -> log("ten-thousand-mdc-entries").error("huge context"));
    }

    private static void megabyteMdcValues() {
        String megabyte = "v".repeat(1024 * 1024);
        withMdc(Map.of("a", megabyte, "b", megabyte, "c", megabyte, "d", megabyte, "e", megabyte),
                () -> log("megabyte-mdc-values").error("big values"));
    }

    private static void tenThousandSuppressed() {
        Exception closing = new IllegalStateException("closing resources");
        for (int i = 0; i < 10_000; i++) {
            closing.addSuppressed(new java.io.IOException("close " + i));
        }
        log("ten-thousand-suppressed").error("close failed", closing);
    }

    /** A class defined by a loader that is closed (and unreachable) by the time the agent reads it. */
    private static void vanishedClassLoader() {
        try {
            URL classes = HostileApp.class.getProtectionDomain().getCodeSource().getLocation();
            URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
            Class<?> doomed = loader.loadClass("com.example.hostile.Doomed");
            RuntimeException thrown = (RuntimeException) doomed.getConstructor(String.class).newInstance("from a vanished loader");
            loader.close();
            try {
                throw thrown;
            } catch (RuntimeException e) {
                log("vanished-class-loader").error("vanished", e);
            }
        } catch (ReflectiveOperationException | java.io.IOException e) {
            throw new IllegalStateException("the example could not set up its class loader", e);
        }
        System.gc();
    }

    private static void sameThrowableTwice() {
        Exception once = new IllegalStateException("logged twice");
        log("same-throwable-twice").error("first time", once);
        log("same-throwable-twice").error("second time", once);
    }

    private static void thousandCauses() {
        Throwable chain = new IllegalStateException("root");
        for (int i = 1; i < 1000; i++) {
            chain = new IllegalStateException("level " + i, chain);
        }
        log("thousand-causes").error("deep chain", chain);
    }

    private static void hundredThousandFrames() {
        StackTraceElement[] frames = new StackTraceElement[100_000];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new StackTraceElement("com.example.hostile.Deep", "level" + i, "Deep.java", i + 1);
        }
        Exception deep = new IllegalStateException("very deep");
        deep.setStackTrace(frames);
        log("hundred-thousand-frames").error("deep stack", deep);
    }

    /** Big in every part at once: over 1 MiB of frames and messages before the agent's caps. */
    private static void oversizeRecord() {
        String longName = "com.example.hostile." + "Oversize".repeat(35);
        Throwable chain = null;
        for (int c = 0; c < 17; c++) {
            StackTraceElement[] frames = new StackTraceElement[300];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = new StackTraceElement(longName + c, "method" + i, "Oversize.java", i + 1);
            }
            Exception e = new IllegalStateException("x".repeat(100_000), chain);
            e.setStackTrace(frames);
            chain = e;
        }
        log("oversize-record").error("o".repeat(100_000), chain);
    }
}
