package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** data.trace is the trace as Java prints it, with only secrets and length changed. */
class StackTraceTextTest {
    private final Redactor redactor = new Redactor(List.of(), List.of());

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    private static Exception failingClose(int n) {
        return new java.io.IOException("close " + n, new IllegalStateException("socket reset"));
    }

    private static Exception nested() {
        try {
            try {
                throw new IllegalArgumentException("bad quantity");
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("import failed", e);
            }
        } catch (IllegalStateException e) {
            e.addSuppressed(failingClose(1));
            e.addSuppressed(failingClose(2));
            return new RuntimeException("job 7 failed", e);
        }
    }

    @Test
    void causesSuppressedAndCommonFramesPrintAsJavaPrintsThem() {
        Exception t = nested();
        String expected = printed(t);
        assertTrue(expected.contains("Caused by: ") && expected.contains("\tSuppressed: ") && expected.contains(" more\n"), expected);
        assertEquals(expected, StackTraceText.of(t, 1 << 20, redactor));
    }

    @Test
    void circularReferencesPrintAsJavaPrintsThem() {
        Exception a = new IllegalStateException("a");
        Exception b = new IllegalArgumentException("b", a);
        a.initCause(b);
        assertEquals(printed(a), StackTraceText.of(a, 1 << 20, redactor));
    }

    @Test
    void onlyTheHeadlinesAreRedacted() {
        Exception t = new IllegalStateException("login failed: password=hunter2", new RuntimeException("token=abc123"));
        String expected = printed(t).replace("hunter2", "[REDACTED]").replace("abc123", "[REDACTED]");
        assertEquals(expected, StackTraceText.of(t, 1 << 20, redactor));
    }

    @Test
    void longTraceIsCutAndSaysWhere() {
        Exception t = nested();
        String full = printed(t);
        String cut = StackTraceText.of(t, 200, redactor);
        assertEquals(full.substring(0, 200) + "... [trace cut at 200 characters]", cut);
    }
}
