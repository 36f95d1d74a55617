package dev.faultline.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuardTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:8080", "localhost", "LOCALHOST:1", "[::1]:8080", "[::1]", "app.localhost:9"})
    void loopbackHostHeadersAreAccepted(String host) {
        assertTrue(Guard.isLoopbackHost(host), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "127.0.0.1.evil.example", "localhost.evil.example:80", "127.0.0.1:80@evil",
        "[::2]:80", "localhost:http", "", "10.0.0.1:8080"})
    void otherHostHeadersAreRefused(String host) {
        assertFalse(Guard.isLoopbackHost(host), host);
    }
}
