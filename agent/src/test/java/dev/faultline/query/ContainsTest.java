package dev.faultline.query;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quoted pattern matches the text itself and nothing a regex reading would add. */
class ContainsTest {
    @ParameterizedTest
    @ValueSource(strings = {".*", "a.c", "(x|y)", "[abc]", "\\E.*\\Q", "^start", "end$", "a+b?", "{1,3}", "C:\\temp\\new",
        "$where", "tab\there", "line\nbreak", "ünïcødé ☃", "100% sure", "a#b c/d", "-"})
    void matchesOnlyTheLiteralText(String text) {
        Pattern p = Pattern.compile(Contains.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        assertTrue(p.matcher("before " + text + " after").find(), text);
        assertTrue(p.matcher(text.toUpperCase()).find(), "case-insensitive: " + text);
        if (!text.equals("-")) {
            assertFalse(p.matcher("something else entirely").find(), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.c", ".*"})
    void metacharactersDoNotMatchOtherCharacters(String text) {
        Pattern p = Pattern.compile(Contains.quote(text));
        assertFalse(p.matcher(text.replace('.', 'x').replace('*', 'y')).find(), text);
    }
}
