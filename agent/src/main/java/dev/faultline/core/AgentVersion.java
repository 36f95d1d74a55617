package dev.faultline.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The agent's version, stamped into {@code dev/faultline/version.properties} by the build. A
 * snapshot's carries its build time ({@code 0.1.0-SNAPSHOT+20261202T0300Z}, UTC), so that two
 * builds of one version are told apart in {@code agent_health} and by {@code version}.
 */
public final class AgentVersion {
    private static final String VERSION = read();

    private AgentVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        Properties p = new Properties();
        try (InputStream in = AgentVersion.class.getResourceAsStream("/dev/faultline/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // "dev" below
        }
        String version = p.getProperty("version", "dev");
        String built = p.getProperty("built", "");
        return version.endsWith("-SNAPSHOT") && built.matches("[0-9]{8}T[0-9]{4}Z") ? version + "+" + built : version;
    }
}
