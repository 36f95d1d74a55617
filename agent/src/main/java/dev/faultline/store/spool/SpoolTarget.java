package dev.faultline.store.spool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;

/**
 * The first record of a spool file: the MongoDB database its records are for. A file holds
 * records, not where they were going, and is stored into the database of the JVM that replays
 * it; runs of one service that write to different databases (a test suite's fresh database per
 * test, staging and production on one machine) would otherwise store each other's errors. A JVM
 * replays only files for its own database (or without this record: an earlier agent's);
 * the {@code replay} command says which database a file it leaves alone is for.
 */
public final class SpoolTarget {
    /** A pseudo collection: never written to MongoDB, skipped by the replay. */
    public static final String COLLECTION = "spool_target";

    private SpoolTarget() {
    }

    static SpoolRecord record(String database) {
        return new SpoolRecord(COLLECTION, new Document("database", database));
    }

    /**
     * The database {@code file}'s first record says it is for, or null when it does not say (an
     * earlier agent's file) or cannot be read.
     */
    public static String of(Path file) {
        try (SpoolReader reader = new SpoolReader(file)) {
            byte[] first = reader.next();
            return first == null ? null : database(SpoolRecord.decode(first));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether any of {@code files} is for {@code database} or does not say which it is for. */
    public static boolean anyFor(List<Path> files, String database) {
        for (Path f : files) {
            String target = of(f);
            if (target == null || target.equals(database)) {
                return true;
            }
        }
        return false;
    }

    /** The database a file's first record says it is for, or null when it is another record. */
    static String database(SpoolRecord first) {
        if (first == null || !COLLECTION.equals(first.collection)) {
            return null;
        }
        try {
            Object database = first.document().get("database");
            return database instanceof String ? (String) database : null;
        } catch (RuntimeException notADocument) {
            return null;
        }
    }
}
