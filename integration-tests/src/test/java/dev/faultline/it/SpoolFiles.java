package dev.faultline.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.RawBsonDocument;

/**
 * Reads an agent's spool directory from the outside, by the documented format (OPERATIONS.md):
 * an 8-byte header, then records of a 4-byte length, a 4-byte CRC32 and a BSON payload
 * {@code {c: collection, d: document}}. What a test waits for before it kills a JVM.
 */
final class SpoolFiles {
    private SpoolFiles() {
    }

    static List<Path> in(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("spool-.*\\.fls")).sorted().toList();
        }
    }

    /** The collections of the whole records in every spool file of {@code dir}, file by file, in order. */
    static List<String> collections(Path dir) throws IOException {
        return records(dir).stream().map(r -> r.getString("c").getValue()).toList();
    }

    /** The last {@code agent_health} report in the spool, or null. */
    static org.bson.Document lastHealthReport(Path dir) throws IOException {
        org.bson.Document last = null;
        for (RawBsonDocument r : records(dir)) {
            if (r.getString("c").getValue().equals("agent_health")) {
                last = org.bson.Document.parse(r.getDocument("d").toJson());
            }
        }
        return last;
    }

    /** The whole records ({@code {c, d}}) of every spool file in {@code dir}. */
    static List<RawBsonDocument> records(Path dir) throws IOException {
        List<RawBsonDocument> out = new ArrayList<>();
        for (Path file : in(dir)) {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
            b.position(Math.min(8, b.limit()));
            while (b.remaining() >= 8) {
                int length = b.getInt();
                b.getInt();
                if (length < 0 || length > b.remaining()) {
                    break;
                }
                byte[] payload = new byte[length];
                b.get(payload);
                out.add(new RawBsonDocument(payload));
            }
        }
        return out;
    }

    static long occurrences(Path dir) throws IOException {
        return collections(dir).stream().filter("app_errors"::equals).count();
    }
}
