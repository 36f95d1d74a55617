package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faultline.bootstrap.CapturedEvent;
import java.util.Date;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Messages come out as the logging framework that took them would have written them. */
class MessageFormatterTest {
    /** An application object whose toString fails. */
    private static final Object BROKEN = new Object() {
        @Override
        public String toString() {
            throw new IllegalStateException("not now");
        }
    };

    private static String slf4j(String template, Object... args) {
        return MessageFormatter.format(template, args, CapturedEvent.FORMAT_SLF4J);
    }

    private static String jul(String template, Object... args) {
        return MessageFormatter.format(template, args, CapturedEvent.FORMAT_MESSAGE_FORMAT);
    }

    static Stream<Arguments> slf4jCases() {
        Object[] selfContaining = new Object[2];
        selfContaining[0] = "a";
        selfContaining[1] = selfContaining;
        return Stream.of(
                Arguments.of("order {} failed for {}", new Object[] {42, "bob"}),
                Arguments.of("no anchors", new Object[] {1}),
                Arguments.of("more anchors {} {} {}", new Object[] {1}),
                Arguments.of("fewer anchors {}", new Object[] {1, 2, 3}),
                Arguments.of("{}{}", new Object[] {"a", "b"}),
                Arguments.of("{} at start and end {}", new Object[] {"a", "b"}),
                Arguments.of("escaped \\{} then {}", new Object[] {"x"}),
                Arguments.of("double-escaped \\\\{} then {}", new Object[] {"x", "y"}),
                Arguments.of("escaped after the last argument {} \\{}", new Object[] {"x"}),
                Arguments.of("lonely { and } and {x}", new Object[] {"x"}),
                Arguments.of("null {}", new Object[] {null}),
                Arguments.of("ints {} longs {} bytes {}", new Object[] {new int[] {1, 2}, new long[] {3L}, new byte[] {4}}),
                Arguments.of("chars {} shorts {} booleans {}", new Object[] {new char[] {'a'}, new short[] {5}, new boolean[] {true, false}}),
                Arguments.of("floats {} doubles {}", new Object[] {new float[] {1.5f}, new double[] {2.25}}),
                Arguments.of("objects {}", new Object[] {new Object[] {"a", 1, null}}),
                Arguments.of("nested {}", new Object[] {new Object[] {"a", new Object[] {"b", new int[] {1}}, new String[] {"c"}}}),
                Arguments.of("self {}", new Object[] {selfContaining}),
                Arguments.of("empty {}", new Object[] {new Object[0]}),
                Arguments.of("list {} as toString", new Object[] {List.of(1, 2)}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slf4jCases")
    void slf4jTemplatesComeOutAsSlf4jFormatsThem(String template, Object[] args) {
        String expected = org.slf4j.helpers.MessageFormatter.arrayFormat(template, args.clone()).getMessage();
        assertEquals(expected, slf4j(template, args.clone()));
    }

    @Test
    void keepsAMessageFormattedOnTheApplicationThreadEvenWithoutATemplate() {
        assertEquals("cart 7", MessageFormatter.format(null, new Object[] {"cart 7"}, CapturedEvent.FORMAT_FORMATTED));
        assertEquals("null", MessageFormatter.format(null, null, CapturedEvent.FORMAT_FORMATTED));
    }

    @Test
    void fillsAnchorsInOrder() {
        assertEquals("order 42 failed for bob", slf4j("order {} failed for {}", 42, "bob"));
    }

    @Test
    void escapedAnchorStaysLiteralAndDoesNotTakeAnArgument() {
        assertEquals("literal {} then x", slf4j("literal \\{} then {}", "x"));
    }

    @Test
    void doubleEscapedAnchorIsABackslashThenTheArgument() {
        assertEquals("path C:\\x", slf4j("path C:\\\\{}", "x"));
    }

    @Test
    void argumentWhoseToStringThrowsIsNamedInPlace() {
        assertEquals("value [toString() threw java.lang.IllegalStateException] and 2",
                slf4j("value {} and {}", BROKEN, 2));
    }

    @Test
    void argumentWhoseToStringThrowsInsideAnArrayLosesOnlyItself() {
        assertEquals("values [a, [[toString() threw java.lang.IllegalStateException], b]]",
                slf4j("values {}", (Object) new Object[] {"a", new Object[] {BROKEN, "b"}}));
    }

    @Test
    void argumentWhoseToStringReturnsNullPrintsNull() {
        Object nullText = new Object() {
            @Override
            public String toString() {
                return null;
            }
        };
        assertEquals("got null", slf4j("got {}", nullText));
    }

    @Test
    void noArgumentsLeavesTheTemplateAsItIs() {
        assertEquals("a {} b", slf4j("a {} b"));
        assertEquals("a {} b", MessageFormatter.format("a {} b", null, CapturedEvent.FORMAT_SLF4J));
    }

    @Test
    void missingTemplateIsPrintedAsTheFrameworksPrintIt() {
        assertEquals("null", slf4j(null, 1));
        assertEquals("null", jul(null, 1));
    }

    @Test
    void templateWithoutAFormatIsTakenAsItIs() {
        assertEquals("a {} {0}", MessageFormatter.format("a {} {0}", new Object[] {1}, CapturedEvent.FORMAT_NONE));
    }

    static Stream<Arguments> julCases() {
        return Stream.of(
                Arguments.of("{0} of {1}", new Object[] {"a", "b"}),
                Arguments.of("{4} and {12}", new Object[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}),
                Arguments.of("only {5}", new Object[] {0, 1, 2, 3, 4, 5}),
                Arguments.of("count {0}", new Object[] {1234567}),
                Arguments.of("price {0,number,#.##}", new Object[] {3.14159}),
                Arguments.of("at {0,date,yyyy-MM-dd}", new Object[] {new Date(0)}),
                Arguments.of("It''s {0}", new Object[] {"x"}),
                Arguments.of("It's {0}", new Object[] {"x"}),
                Arguments.of("'{0}' is {0}", new Object[] {"x"}),
                Arguments.of("no anchors {}", new Object[] {"x"}),
                Arguments.of("100% {x}", new Object[] {"x"}),
                Arguments.of("broken {0", new Object[] {"x"}),
                Arguments.of("mixed {x} {0}", new Object[] {"x"}),
                Arguments.of("number style on text {0,number}", new Object[] {"x"}),
                Arguments.of("trailing {", new Object[] {"x"}),
                Arguments.of("null {0}", new Object[] {null}),
                Arguments.of("missing {1}", new Object[] {"x"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("julCases")
    void julTemplatesComeOutAsJulFormatsThem(String template, Object[] args) {
        LogRecord record = new LogRecord(Level.SEVERE, template);
        record.setParameters(args.clone());
        assertEquals(new SimpleFormatter().formatMessage(record), jul(template, args.clone()));
    }

    @Test
    void julArgumentWhoseToStringThrowsIsNamedInPlace() {
        // JUL itself would give up and print the raw template; we keep the other arguments.
        assertEquals("a [toString() threw java.lang.IllegalStateException] b", jul("a {0} {1}", BROKEN, "b"));
    }

    @Test
    void julNumbersKeepTheirNumberFormatting() {
        assertEquals(String.format("%,d", 1234567), jul("{0}", 1234567));
    }
}
