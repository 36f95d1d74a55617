package dev.faultline.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code --json} and the API write reaches terminals: every control character escaped. */
class JsonTest {
    @Test
    void c0AndC1ControlsAndLineSeparatorsAreEscaped() {
        assertEquals("{\"m\":\"a\\u001Bb\\u009Bc\\u2028d é\"}", Json.text(Map.of("m", "a\u001Bb\u009Bc\u2028d é"), false));
    }
}
