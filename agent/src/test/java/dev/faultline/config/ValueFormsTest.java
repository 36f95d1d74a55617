package dev.faultline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value forms of DESIGN.md section 3, parsed and rejected one by one. */
class ValueFormsTest {
    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({
        "500ms, 500", "30s, 30000", "15m, 900000", "1h, 3600000", "7d, 604800000",
        "0s, 0", "PT5M, 300000", "pt5m, 300000", "PT0.5S, 500", "P1D, 86400000", "P1DT2H, 93600000",
        "' 30s ', 30000", "30S, 30000", "36500d, 3153600000000",
    })
    void readsDurations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Values.duration(text));
    }

    @ParameterizedTest(name = "\"{0}\" is not a duration")
    @ValueSource(strings = {
        "", " ", "30", "soon", "1.5h", "30 s", "-5s", "5sec", "1w", "ms", "PT", "P", "PT-5M", "-PT5M",
        "36501d", "P36501D", "999999999999d", "9999999999999ms", "PT99999999999999999999S", "５s",
    })
    void rejectsWhatIsNotADuration(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.duration(text));
        assertEquals(Values.DURATION_FORM, e.getMessage());
    }

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
        "256MB, 268435456", "256mb, 268435456", "256M, 268435456", "512KB, 524288", "512k, 524288",
        "1GB, 1073741824", "1G, 1073741824", "100B, 100", "100, 100", "0, 0", "' 2 MB ', 2097152",
    })
    void readsSizes(String text, long bytes) {
        assertEquals(bytes, Values.size(text));
    }

    @ParameterizedTest(name = "\"{0}\" is not a size")
    @ValueSource(strings = {"", "MB", "1.5GB", "-1MB", "1TB", "1KiB", "big", "9999999999999GB", "1 M B"})
    void rejectsWhatIsNotASize(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.size(text));
        assertEquals(Values.SIZE_FORM, e.getMessage());
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "true, true", "TRUE, true", "' true ', true", "yes, true", "on, true", "1, true",
        "false, false", "False, false", "no, false", "off, false", "0, false",
    })
    void readsBooleans(String text, boolean value) {
        assertEquals(value, Values.bool(text));
    }

    @ParameterizedTest(name = "\"{0}\" is not a boolean")
    @ValueSource(strings = {"", "maybe", "2", "tru", "y", "enabled"})
    void rejectsWhatIsNotABoolean(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.bool(text));
        assertEquals("true or false", e.getMessage());
    }

    @ParameterizedTest(name = "{0} is severity {1}")
    @CsvSource({"ERROR, 40", "error, 40", "WARN, 30", "warning, 30", "INFO, 20", "CRITICAL, 50", "' Warn ', 30"})
    void readsLevels(String text, int severity) {
        assertEquals(severity, Values.level(text));
    }

    @ParameterizedTest(name = "\"{0}\" is not a level")
    @ValueSource(strings = {"", "DEBUG", "TRACE", "SEVERE", "FATAL", "40", "ERR"})
    void rejectsWhatIsNotALevel(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.level(text));
        assertEquals("one of CRITICAL, ERROR, WARN, INFO", e.getMessage());
    }

    @Test
    void readsListsTrimmedWithoutEmptyEntries() {
        assertEquals(List.of("com.acme", "org.shop"), Values.list(" com.acme , ,org.shop,"));
        assertEquals(List.of(), Values.list(""));
        assertEquals(List.of(), Values.list(" , "));
    }

    @Test
    void readsTheAppsMappingInOrder() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("com.acme.billing", "billing");
        expected.put("com.acme", "acme");
        Map<String, String> apps = Values.mapping("com.acme.billing=billing, com.acme = acme");
        assertEquals(expected, apps);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(apps.keySet()));
        assertEquals(Map.of(), Values.mapping(""));
    }

    @Test
    void readsLogWrappersAsClassNamesAndPackagePrefixes() {
        assertEquals(List.of("com.acme.Log", "com.acme.logging", "com.acme.Outer$Inner", "com.acme.util."),
                Values.classNames(" com.acme.Log , com.acme.logging,,com.acme.Outer$Inner, com.acme.util."));
        assertEquals(List.of(), Values.classNames(""));
        assertEquals(List.of("Log"), Values.classNames("Log"), "a class of the unnamed package");
    }

    @ParameterizedTest(name = "\"{0}\" is not a list of class names")
    @ValueSource(strings = {"com.acme.*", "com/acme/Log", "com.acme.Log#error", "com..acme", ".com.acme", "com.acme.Log()",
        "1com.acme", "com.acme. Log", "."})
    void rejectsWhatIsNotAListOfClassNames(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.classNames(text));
        assertEquals(Values.CLASS_NAMES_FORM, e.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" is not an apps mapping")
    @ValueSource(strings = {"com.acme", "com.acme=", "=acme", "com.acme=billing,shop", " = "})
    void rejectsWhatIsNotAnAppsMapping(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.mapping(text));
        assertEquals("a comma list of package-prefix=app-name pairs", e.getMessage());
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"1, 1", "8192, 8192", "' 42 ', 42", "+7, 7", "100, 100"})
    void readsPositiveWholeNumbers(String text, int value) {
        assertEquals(value, Values.positiveInt(text, 100_000));
    }

    @ParameterizedTest(name = "\"{0}\" is not a whole number from 1 to 100")
    @ValueSource(strings = {"", "0", "-5", "101", "1e3", "12.0", "lots", "99999999999999999999"})
    void rejectsWhatIsNotAPositiveWholeNumberInRange(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.positiveInt(text, 100));
        assertEquals("a whole number from 1 to 100", e.getMessage());
    }
}
