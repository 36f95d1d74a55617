package dev.faultline.query;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.faultline.store.Collections;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The MongoDB the CLI and the console read, with short timeouts (unless the URI sets its own):
 * a person at a terminal learns within seconds that the server is away, not after the driver's
 * default 30 s.
 */
public final class Database implements AutoCloseable {
    static final int SERVER_SELECTION_SECONDS = 3;

    private final MongoClient client;
    private final MongoDatabase database;

    private Database(MongoClient client, String name) {
        this.client = client;
        this.database = client.getDatabase(name);
    }

    private Database(MongoDatabase database) {
        this.client = null;
        this.database = database;
    }

    /** The query layer over a database whose client someone else owns (the writer's): {@link #close} leaves it open. */
    public static Database over(MongoDatabase database) {
        return new Database(database);
    }

    /** @throws IllegalArgumentException when the URI is not a MongoDB connection string */
    public static Database open(String uri, String databaseName) {
        ConnectionString connection = new ConnectionString(uri);
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .applicationName(connection.getApplicationName() != null ? connection.getApplicationName() : "faultline-console")
                .applyToClusterSettings(b -> {
                    if (connection.getServerSelectionTimeout() == null) {
                        b.serverSelectionTimeout(SERVER_SELECTION_SECONDS, TimeUnit.SECONDS);
                    }
                })
                .applyToSocketSettings(b -> {
                    if (connection.getConnectTimeout() == null) {
                        b.connectTimeout(SERVER_SELECTION_SECONDS, TimeUnit.SECONDS);
                    }
                })
                .build();
        return new Database(MongoClients.create(settings), databaseName);
    }

    /** Asks the server to answer; throws the driver's MongoException when it does not. */
    public void ping() {
        database.runCommand(new Document("ping", 1));
    }

    public String name() {
        return database.getName();
    }

    MongoCollection<Document> errors() {
        return database.getCollection(Collections.APP_ERRORS);
    }

    MongoCollection<Document> groups() {
        return database.getCollection(Collections.ERROR_GROUPS);
    }

    MongoCollection<Document> codes() {
        return database.getCollection(Collections.ERROR_CODES);
    }

    MongoCollection<Document> alertRules() {
        return database.getCollection(Collections.ALERT_RULES);
    }

    MongoCollection<Document> groupingRules() {
        return database.getCollection(Collections.GROUPING_RULES);
    }

    MongoCollection<Document> notices() {
        return database.getCollection(Collections.NOTICES);
    }

    MongoCollection<Document> health() {
        return database.getCollection(Collections.AGENT_HEALTH);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
