package dev.faultline.cli;

import dev.faultline.config.Config;
import dev.faultline.config.ConfigException;
import dev.faultline.config.MongoUris;
import dev.faultline.query.Database;
import dev.faultline.query.Json;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What a command runs with: its output streams, whether it answers in JSON, and the MongoDB it
 * reads, opened on first use from {@code --uri}/{@code --database} or else the usual
 * {@code faultline.mongo.uri}/{@code faultline.mongo.database} settings (system property,
 * {@code FAULTLINE_MONGO_URI}, {@code faultline.config.file}).
 */
final class Session implements AutoCloseable {
    final PrintStream out;
    final PrintStream err;
    final boolean json;
    private final Args args;
    private String uri;
    private String databaseName;
    private Database database;

    Session(Args args, PrintStream out, PrintStream err) {
        this.args = args;
        this.out = out;
        this.err = err;
        this.json = args.flag("--json");
    }

    Database database() throws UsageException {
        if (database == null) {
            settings();
            try {
                database = Database.open(uri, databaseName);
            } catch (IllegalArgumentException e) {
                // The driver's message may quote the string, password included: not shown.
                throw new UsageException("the MongoDB URI is not a connection string (mongodb://host:port or mongodb+srv://host)");
            }
        }
        return database;
    }

    /** The agent's settings as the application would read them (system properties, environment, file). */
    Config config() throws ConfigException {
        return Config.load(systemProperties(), System.getenv(), null);
    }

    String uri() throws UsageException {
        settings();
        return uri;
    }

    String databaseName() throws UsageException {
        settings();
        return databaseName;
    }

    /** The URI as it may be printed: password hidden. */
    String where() throws UsageException {
        settings();
        return MongoUris.redact(uri) + " (database " + databaseName + ")";
    }

    /** {@link #where()} once the settings are known; for error messages. */
    String whereOrUnknown() {
        return uri == null ? "MongoDB settings not read" : MongoUris.redact(uri) + ", database " + databaseName;
    }

    private void settings() throws UsageException {
        if (uri != null) {
            return;
        }
        String givenUri = args.option("--uri");
        String givenDb = args.option("--database");
        if (givenUri == null || givenDb == null) {
            try {
                Config config = Config.load(systemProperties(), System.getenv(), null);
                givenUri = givenUri == null ? config.mongoUri() : givenUri;
                givenDb = givenDb == null ? config.mongoDatabase() : givenDb;
            } catch (ConfigException e) {
                throw UsageException.of(e);
            }
        }
        // The agent's own check and words (a URI from the settings passed it already, so this is
        // --uri's): a password's '/', ':' or '@' is named as needing percent-encoding, where the
        // driver would only say the string does not parse. The password is hidden.
        String expected = MongoUris.expected(givenUri.trim());
        if (expected != null) {
            throw new UsageException("invalid --uri \"" + Text.cell(MongoUris.redact(givenUri.trim()), 200) + "\": expected " + expected);
        }
        if (givenDb.trim().isEmpty() || givenDb.matches(".*[/\\\\. \"$\\x00].*")) {
            throw new UsageException("--database must be a MongoDB database name (no / \\ . space \" $)");
        }
        uri = givenUri;
        databaseName = givenDb;
    }

    void printJson(Object value) {
        out.println(Json.text(value, true));
    }

    private static Map<String, String> systemProperties() {
        Properties props = System.getProperties();
        Map<String, String> copy = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            copy.put(name, props.getProperty(name));
        }
        return copy;
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }
}
