package dev.faultline.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Line numbers of the example apps (class-path, module-path and packaged examples' sources), found by their {@code // faultline-it: <name>} comments. */
final class SourceMarkers {
    private SourceMarkers() {
    }

    static int line(String sourcePath, String marker) {
        try {
            Path source = AgentJvm.examplesDir().resolve("src/main/java").resolve(sourcePath);
            if (!Files.exists(source)) {
                source = AgentJvm.examplesDir().resolve("src/module/java").resolve(sourcePath);
            }
            if (!Files.exists(source)) {
                source = AgentJvm.examplesDir().resolve(sourcePath); // a packaged example's module, e.g. spring-boot-logback/src/...
            }
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("// faultline-it: " + marker)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no marker " + marker + " in " + sourcePath);
    }
}
