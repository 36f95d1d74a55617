package dev.faultline.store.spool;

import dev.faultline.config.MongoUris;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.Document;

/**
 * Where a spool file's records are going: its first record names the MongoDB database and the
 * servers of the connection string ({@link MongoUris#seeds}). A file holds records, not where
 * they were going, and is stored into the MongoDB of the JVM that replays it; runs of one service
 * that write to different databases (a test suite's fresh database per test) or to different
 * deployments with the same database name (staging and production on one machine, both with the
 * default {@code faultline}) would otherwise store each other's errors. A JVM replays only files
 * for its own database on a host its connection string also names (or without this record: an
 * earlier agent's; or without servers: one written before they were recorded); the {@code replay}
 * command says where a file it leaves alone was going.
 */
public final class SpoolTarget {
    /** A pseudo collection: never written to MongoDB, skipped by the replay. */
    public static final String COLLECTION = "spool_target";

    /** The database's name. */
    public final String database;
    /** {@link MongoUris#seeds} of the connection string; empty: not known (any servers match). */
    public final List<String> servers;

    public SpoolTarget(String database, List<String> servers) {
        this.database = database;
        this.servers = Collections.unmodifiableList(new ArrayList<String>(servers));
    }

    /** The target of a JVM or command writing to {@code database} through {@code uri}. */
    public static SpoolTarget of(String uri, String database) {
        return new SpoolTarget(database, MongoUris.seeds(uri));
    }

    SpoolRecord record() {
        return new SpoolRecord(COLLECTION, new Document("database", database).append("servers", servers));
    }

    /**
     * Whether a file whose first record says {@code file} (null: it does not say, an earlier
     * agent's) is for this target: the same database, and a host in common where both name some.
     * Ports are not compared: two deployments with one database name on one host are rare, while
     * a test (or an operator) that takes MongoDB away by pointing at a closed port is not.
     */
    public boolean takes(SpoolTarget file) {
        if (file == null) {
            return true;
        }
        if (!file.database.equals(database)) {
            return false;
        }
        if (file.servers.isEmpty() || servers.isEmpty()) {
            return true;
        }
        for (String theirs : file.servers) {
            for (String ours : servers) {
                if (host(theirs).equals(host(ours))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The host of a {@link MongoUris#seeds seed}: without its port ({@code srv:} names and socket paths have none). */
    private static String host(String seed) {
        int colon = seed.lastIndexOf(':');
        return seed.startsWith("srv:") || seed.endsWith(".sock") || colon < 0 ? seed : seed.substring(0, colon);
    }

    /** What to tell an operator of a file left alone: {@code the database X on h1:p1,h2:p2}. */
    public String describe() {
        return "the database " + database + (servers.isEmpty() ? "" : " on " + String.join(",", servers));
    }

    /**
     * Where {@code file}'s first record says it is going, or null when it does not say (an
     * earlier agent's file) or cannot be read.
     */
    public static SpoolTarget of(Path file) {
        try (SpoolReader reader = new SpoolReader(file)) {
            byte[] first = reader.next();
            return first == null ? null : read(SpoolRecord.decode(first));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether any of {@code files} is for {@code mine} ({@link #takes}). */
    public static boolean anyFor(List<Path> files, SpoolTarget mine) {
        for (Path f : files) {
            if (mine.takes(of(f))) {
                return true;
            }
        }
        return false;
    }

    /** The target a file's first record names, or null when it is another record. */
    static SpoolTarget read(SpoolRecord first) {
        if (first == null || !COLLECTION.equals(first.collection)) {
            return null;
        }
        try {
            Document d = first.document();
            Object database = d.get("database");
            if (!(database instanceof String)) {
                return null;
            }
            List<String> servers = new ArrayList<String>();
            Object listed = d.get("servers");
            if (listed instanceof List) {
                for (Object s : (List<?>) listed) {
                    if (s instanceof String) {
                        servers.add((String) s);
                    }
                }
            }
            return new SpoolTarget((String) database, servers);
        } catch (RuntimeException notADocument) {
            return null;
        }
    }
}
