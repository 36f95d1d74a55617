package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The console's Grouping page in headless Chromium: the rules the agents report as configured
 * (their {@code agent_health.grouping_rules}) beside the stored ones; adding a rule, a bad one
 * refused with the server's message naming the field, removing one.
 */
class GroupingRulesConsoleBrowserTest {
    private static final String CONFIGURED = "per-host: type=java.net.ConnectException -> type + context.upstream_host";

    @Test
    void aPersonSeesConfiguredAndStoredRulesAddsOneIsToldWhichFieldIsWrongAndRemovesOne() throws Exception {
        String name = TestDatabase.seeded();
        MongoDatabase db = MongoSource.get().client().getDatabase(name);
        db.getCollection("agent_health").insertMany(List.of(
                Seed.health("checkout", Instant.now()).append("grouping_rules", CONFIGURED),
                Seed.health("billing", Instant.now()).append("grouping_rules", CONFIGURED),
                Seed.health("no-rules", Instant.now())));
        try (ConsoleServer server = ConsoleServer.start(name); Chromium browser = Chromium.start()) {
            browser.open(server.base + "#/grouping-rules");
            browser.await("document.querySelectorAll('#main tr.row.configured').length === 1", "the configured rule, once");
            String configured = browser.text("#main tr.row.configured");
            assertTrue(configured.contains("per-host") && configured.contains("type=java.net.ConnectException")
                    && configured.contains("type + context.upstream_host"), configured);
            assertTrue(configured.contains("checkout on it-host (pid 4242)") && configured.contains("billing on it-host (pid 4242)")
                    && !configured.contains("no-rules"), "the agents that configured it, and only those: " + configured);
            assertTrue(browser.text("#main").contains("No stored rules."), browser.text("#main"));

            browser.type("#who", "ann");
            browser.type("form.grouping-rule-form input[name=rule]", "locks: message=table (\\w+) is locked & app=orders -> message");
            browser.click("form.grouping-rule-form button[type=submit]");
            browser.await("document.querySelectorAll('#main tr.row[data-id]').length === 1", "the stored rule is listed");
            String row = browser.text("#main tr.row[data-id='locks']");
            assertTrue(row.contains("message=table (\\w+) is locked & app=orders") && row.contains("ann"), row);
            Document stored = db.getCollection("grouping_rules").find(new Document("_id", "locks")).first();
            assertEquals("table (\\w+) is locked", stored.getString("message"));
            assertEquals(List.of("message"), stored.getList("fingerprint", String.class));
            assertEquals("ann", stored.getString("created_by"));
            browser.screenshot(Path.of("target", "console-grouping-rules.png"));

            browser.type("form.grouping-rule-form input[name=rule]", "broken: message=(unclosed -> message");
            browser.click("form.grouping-rule-form button[type=submit]");
            browser.await("document.querySelector('form.grouping-rule-form p.form-problem').textContent !== ''", "the refusal");
            String problem = browser.text("form.grouping-rule-form p.form-problem");
            assertTrue(problem.startsWith("Invalid rule parameter: ") && problem.contains("grouping rule broken: field message"), problem);
            assertEquals(1, db.getCollection("grouping_rules").countDocuments(), "the bad rule is not stored");

            browser.type("form.grouping-rule-form input[name=rule]", "locks: type=java.sql.SQLException -> type");
            browser.click("form.grouping-rule-form button[type=submit]");
            browser.await("document.querySelector('form.grouping-rule-form p.form-problem').textContent.indexOf('an id no other') > 0",
                    "a taken id is refused");

            browser.click("#main tr.row[data-id='locks'] button[data-action=remove]");
            browser.await("document.querySelectorAll('#main tr.row[data-id]').length === 0", "the rule is gone");
            assertEquals(0, db.getCollection("grouping_rules").countDocuments());
            // The list is drawn again after the removal: wait for the configured row to be back.
            browser.await("document.querySelectorAll('#main tr.row.configured').length === 1",
                    "the configured rule, listed again");
            assertEquals(true, browser.script("return !document.querySelector('#main tr.row.configured button');"),
                    "configured rules are not removable from the console");
            assertFalse(browser.dialogOpen());
        }
    }
}
