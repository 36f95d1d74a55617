package dev.faultline.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's version, stamped into {@code dev/faultline/version.properties} by the build. */
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
        return p.getProperty("version", "dev");
    }
}
