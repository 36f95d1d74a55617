package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A reviewer's trial, in a real application with the agent: secrets where a key or a code is
 * expected (com.example.secrets.SecretKeysApp) reach neither MongoDB nor the agent's stderr. Keys
 * are stored redacted with their entries kept; the code is kept by its redacted name, one episode
 * for two tokens. Failures name the place, never print the secret.
 */
class SecretKeysAndCodesTest {
    private static final List<String> SECRETS = List.of("Key-Pw-909", "Key-Url-Pw-4", "Kv-Tok-515", "Code-Tok-616", "Code-Tok-717", "sb7x9");
    private static final String CODE = "upstream_down token=[REDACTED]";

    @Test
    void keysCodesAndShortBearerTokensAreStoredAndPrintedRedacted() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.secrets.SecretKeysApp").libs("logback15")
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example").set("service", "secrets").run();
        assertEquals(0, run.exit(), "the application ran");
        stored.await(stored.errors(), new Document(), 3);
        stored.await(stored.collection("error_codes"), new Document("code", CODE).append("occurrences", 2L), 1);

        Document keys = stored.errors().find(eq("logger", "secrets.keys")).first();
        Document context = keys.get("context", Document.class);
        assertEquals("[REDACTED]", context.getString("password=[REDACTED]"), "the entry is kept under its redacted key");
        assertEquals("v2", context.getString("https://svc:[REDACTED]@api_example_com/v1"));
        assertEquals("[REDACTED]", context.getString("token:[REDACTED]"), "a key-value pair's key too");
        assertEquals(CODE, stored.errors().find(eq("logger", "secrets.code")).first().getString("error_code"));
        assertEquals(1, stored.errors().countDocuments(eq("logger", "secrets.code")), "the second token's event is the same code's repeat");
        assertEquals("upstream refused Bearer [REDACTED]", stored.errors().find(eq("logger", "secrets.bearer")).first().getString("message"));

        MongoDatabase db = MongoSource.get().client().getDatabase(stored.database);
        for (String collection : db.listCollectionNames()) {
            for (Document d : db.getCollection(collection).find()) {
                for (int i = 0; i < SECRETS.size(); i++) {
                    assertFalse(d.toJson().contains(SECRETS.get(i)), "secret " + i + " stored in " + collection);
                }
            }
        }
        assertTrue(run.stderr().lines().anyMatch(l -> l.contains("error code notice") && l.contains(CODE)), "the notice names the redacted code");
        // The application's own log lines carry its secrets; the agent's lines must not.
        List<String> agentLines = run.output().lines().filter(l -> l.contains("faultline")).toList();
        for (int i = 0; i < SECRETS.size(); i++) {
            String secret = SECRETS.get(i);
            assertFalse(agentLines.stream().anyMatch(l -> l.contains(secret)), "secret " + i + " printed by the agent");
        }
    }
}
