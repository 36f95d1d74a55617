package dev.faultline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResolveBodyTest {
    private static String read(String body) throws HttpError {
        return ResolveBody.resolvedBy(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheNameTrimmedAndRefusesAFieldOfNoSuchBody() throws HttpError {
        assertEquals("ann", read("{\"resolved_by\": \"ann\"}"));
        assertEquals("bob", read("{\"in_release\": \"2.0\", \"resolved_by\": \" bob \"}"));
        // A user's trial: a misspelt field resolved with no name.
        HttpError unknown = org.junit.jupiter.api.Assertions.assertThrows(HttpError.class,
                () -> read("{\"note\": {\"deep\": [1, 2]}, \"resolved_by\": \" bob \"}"));
        assertEquals("Unknown parameter note", unknown.getMessage());
    }

    @Test
    void anEmptyBodyOrNullNameMeansNoName() throws HttpError {
        assertNull(read(""));
        assertNull(read("{}"));
        assertNull(read("{\"resolved_by\": null}"));
        assertNull(read("{\"resolved_by\": \"  \"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"resolved_by\": {\"$ne\": null}}", "{\"resolved_by\": 42}", "{\"resolved_by\": [\"a\"]}",
        "{\"resolved_by\": true}"})
    void aNameThatIsNotAStringIsRefused(String body) {
        HttpError e = assertThrows(HttpError.class, () -> read(body));
        assertEquals(400, e.status);
        assertEquals("Invalid resolved_by parameter", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"resolved_by=ann", "[\"ann\"]", "{\"resolved_by\": \"ann\"", "{} {}", "\"ann\""})
    void aBodyThatIsNotOneJsonObjectIsRefused(String body) {
        HttpError e = assertThrows(HttpError.class, () -> read(body));
        assertEquals("Invalid request body", e.getMessage());
    }

    @Test
    void aVeryLongNameIsRefused() {
        assertThrows(HttpError.class, () -> read("{\"resolved_by\": \"" + "x".repeat(ResolveBody.MAX_NAME + 1) + "\"}"));
    }
}
