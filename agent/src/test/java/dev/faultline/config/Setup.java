package dev.faultline.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The four places a setting can come from, filled in by a test: system properties (written
 * without the {@code faultline.} prefix), environment variables (written in full), the agent
 * argument string, and a properties file.
 */
final class Setup {
    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private String agentArgs;

    static Setup with() {
        return new Setup();
    }

    /** {@code -Dfaultline.<key>=<value>}. */
    Setup property(String key, String value) {
        properties.put("faultline." + key, value);
        return this;
    }

    /** A JVM property without our prefix ({@code sun.java.command}, say). */
    Setup jvmProperty(String name, String value) {
        properties.put(name, value);
        return this;
    }

    Setup env(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    Setup args(String agentArgs) {
        this.agentArgs = agentArgs;
        return this;
    }

    /** Writes {@code lines} to a properties file in {@code dir} and names it with {@code -Dfaultline.config.file}. */
    Setup file(Path dir, String... lines) {
        Path file = dir.resolve("faultline.properties");
        try {
            Files.write(file, String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return property("config.file", file.toString());
    }

    Config load() {
        try {
            return Config.load(properties, environment, agentArgs);
        } catch (ConfigException e) {
            return fail("expected these settings to load, got: " + e.getMessage());
        }
    }

    ConfigException failure() {
        return assertThrows(ConfigException.class, () -> Config.load(properties, environment, agentArgs));
    }

    /** The one-line message for {@code key=value} given as a system property. */
    static String messageFor(String key, String value) {
        return with().property(key, value).failure().getMessage();
    }
}
