package dev.faultline.instrument;

import dev.faultline.config.Config;
import java.util.HashMap;
import java.util.Map;

/**
 * Which class names are woven, by which instrumentation: the rows of {@link CapturePaths} whose
 * {@code capture.<path>} switch is on. Plain strings: this table is consulted for every class the
 * JVM loads, so matching is a hash look-up of the internal name, and no instrumentation (nor Byte
 * Buddy) is loaded before one of these names actually turns up.
 */
public final class Targets {
    private Targets() {
    }

    /** Internal class name ({@code a/b/C}) to instrumentation class name, for enabled paths. */
    public static Map<String, String> enabled(Config config) {
        Map<String, String> targets = new HashMap<String, String>();
        for (String path : CapturePaths.names()) {
            if (config.capture(path)) {
                CapturePaths.targetsOf(path, targets);
            }
        }
        return targets;
    }
}
