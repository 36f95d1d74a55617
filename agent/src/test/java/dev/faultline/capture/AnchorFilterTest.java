package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The prefilter that lets the writer skip the built-in rules for text that cannot hold their secrets. */
class AnchorFilterTest {
    private final AnchorFilter filter = AnchorFilter.of(List.of("password", "cookie", "-----BEGIN", "://", "AKIA", "eyJ", "api"));

    static java.util.stream.Stream<Arguments> secrets() {
        return RedactorTest.secrets();
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void everyTextWithABuiltInSecretPassesTheBuiltInRulesFilter(String text, String secret) {
        Redactor builtIn = new Redactor(List.of(), List.of());
        // Through the filter, and with the filter off (a key too short to filter by): the same text.
        Redactor unfiltered = new Redactor(List.of("pw"), List.of());
        assertEquals(unfiltered.text(text).replace(secret, ""), builtIn.text(text).replace(secret, ""), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"order 5 failed", "payment failed for order 1001", "card gateway unavailable",
        "order 170000000000 failed at step 12", "Ünïcode ✓ text"})
    void textWithoutAnAnchorOrACardLengthRunOfDigitsIsRuledOut(String text) {
        assertFalse(filter.mayMatch(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PassWord=x", "mongodb://a:b@c", "id AKIAXXXXXXXXXXXXXXXX", "charge 4111 1111 1111 1111",
        "charge 3782-822463-10005", "API", "aPi"})
    void anAnchorInAnyAsciiCaseOrACardLengthRunOfDigitsLetsTheTextThrough(String text) {
        assertTrue(filter.mayMatch(text), text);
    }

    @Test
    void anAnchorShorterThanThreeCharactersTurnsTheFilterOff() {
        assertNull(AnchorFilter.of(List.of("password", "pw")));
        assertEquals("pw=[REDACTED]", new Redactor(List.of("pw"), List.of()).text("pw=abc"));
    }
}
