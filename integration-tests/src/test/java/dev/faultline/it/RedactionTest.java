package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.secrets.SecretTable;
import com.example.secrets.SecretTable.Row;
import com.mongodb.client.MongoDatabase;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The secret table (com.example.secrets.SecretTable) logged by a real application with the agent:
 * no secret of it is found anywhere in the database afterwards. Failures name the row, never
 * print the secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedactionTest {
    private final Stored stored = Stored.fresh();
    private AgentJvm.Result run;
    private String everythingStored;

    @BeforeAll
    void logEverySecret() throws Exception {
        run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.secrets.SecretsApp").libs("logback15")
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example")
                .set("service", "secrets").set("redact.keys", "tenant_pin").set("redact.patterns", "ACME-\\d{6}").run();
        stored.await(stored.errors(), new Document(), SecretTable.ROWS.size());
        stored.await(stored.health(), new Document(), 1);
        MongoDatabase db = MongoSource.get().client().getDatabase(stored.database);
        StringBuilder all = new StringBuilder();
        for (String collection : db.listCollectionNames()) {
            for (Document d : db.getCollection(collection).find()) {
                all.append(d.toJson()).append('\n');
            }
        }
        everythingStored = all.toString();
    }

    @Test
    void noSecretOfTheTableIsStoredAnywhere() {
        assertEquals(0, run.exit());
        assertTrue(SecretTable.ROWS.size() >= 20, "the table has " + SecretTable.ROWS.size() + " rows");
        assertEquals(SecretTable.ROWS.size(), stored.errors().countDocuments());
        for (Row row : SecretTable.ROWS) {
            assertFalse(everythingStored.contains(row.secret()), "the secret of row " + row.name() + " was stored");
            Document d = stored.errors().find(eq("logger", "secrets." + row.name())).first();
            assertNotNull(d, "row " + row.name() + " was not stored at all");
            assertTrue(d.toJson().contains("[REDACTED]"), "row " + row.name() + " shows no redaction");
        }
    }

    @Test
    void whatSurroundsASecretIsKept() {
        assertEquals("login failed: password=[REDACTED]", record("password-key-value").getString("message"));
        assertEquals("request to /reset?user=ann&access_token=[REDACTED] failed", record("query-token").getString("message"));
        assertEquals("cannot reach mongodb://app:[REDACTED]@db1:27017/prod",
                record("mongodb-uri").get("exception", Document.class).getString("message"));
        assertEquals(Map.of("request", "POST /login?pwd=[REDACTED]"), record("mdc-text-with-secret").get("context"));
        Document fields = record("field-client-secret").get("exception", Document.class).get("fields", Document.class);
        assertEquals(Map.of("clientSecret", "[REDACTED]", "client", "billing"), fields);
        assertTrue(record("pem-private-key").get("data", Document.class).getString("trace")
                .startsWith("java.lang.IllegalStateException: bad key -----BEGIN RSA PRIVATE KEY-----[REDACTED]-----END RSA PRIVATE KEY-----\n"));
    }

    private Document record(String row) {
        return stored.errors().find(eq("logger", "secrets." + row)).first();
    }
}
