package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The console's Alerts page in headless Chromium: the default rules, adding and removing a rule, the notices. */
class AlertsConsoleBrowserTest {
    /** Waits until the group page's fields show {@code text} (a label followed by its value: "Assigneeann"). */
    private static void metaShows(Chromium browser, String text, String why) {
        browser.await("document.querySelector('#main dl.meta') && document.querySelector('#main dl.meta').textContent.includes('"
                + text + "')", why);
    }

    @Test
    void aPersonSeesTheDefaultsAddsAThresholdRuleRemovesItAndReadsTheNotices() throws Exception {
        String name = TestDatabase.seeded();
        MongoDatabase db = MongoSource.get().client().getDatabase(name);
        String fp = Seed.fingerprint("alerted");
        db.getCollection("error_groups").insertOne(Seed.group(fp, "card declined <img src=x onerror=alert(1)>",
                java.time.Instant.now(), java.time.Instant.now(), 12));
        db.getCollection("notices").insertMany(List.of(
                new Document("_id", "n1").append("time", new Date()).append("event", "new_group").append("group", fp)
                        .append("title", "card declined <img src=x onerror=alert(1)>").append("channel", "slack")
                        .append("status", "sent").append("rule", "default-new-group"),
                new Document("_id", "n2").append("time", new Date()).append("event", "threshold").append("group", fp)
                        .append("title", "card declined").append("channel", "email").append("status", "failed")
                        .append("error", "IOException: SMTP MAIL refused: 550").append("rule", "spikes")));
        try (ConsoleServer server = ConsoleServer.start(name); Chromium browser = Chromium.start()) {
            browser.open(server.base + "#/alerts");
            browser.await("document.querySelectorAll('#main tr.row[data-id]').length === 2", "the two default rules");
            String rules = browser.text("#main table");
            assertTrue(rules.contains("default-new-group (default)") && rules.contains("default-regression (default)"), rules);
            String page = browser.text("#main");
            assertTrue(page.contains("card declined <img src=x onerror=alert(1)>"), "a title is shown as text: " + page);
            assertTrue(page.contains("IOException: SMTP MAIL refused: 550"), page);

            browser.script("document.querySelector('select[name=kind]').value = 'threshold';");
            browser.type("input[name=channels]", "slack, email");
            browser.type("input[name=threshold]", "100");
            browser.type("input[name=id]", "spikes");
            browser.click("form.rule-form button[type=submit]");
            browser.await("document.querySelectorAll('#main tr.row[data-id]').length === 3", "the new rule beside the stored defaults");
            browser.screenshot(Path.of("target", "console-alerts.png"));
            Document stored = db.getCollection("alert_rules").find(new Document("_id", "spikes")).first();
            assertEquals("threshold", stored.getString("kind"));
            assertEquals(List.of("slack", "email"), stored.getList("channels", String.class));
            assertEquals(100L, stored.getLong("threshold"));

            browser.click("#main tr.row[data-id='spikes'] button[data-action=remove]");
            browser.await("document.querySelectorAll('#main tr.row[data-id]').length === 2", "the rule is gone");
            assertEquals(0, db.getCollection("alert_rules").countDocuments(new Document("_id", "spikes")));
            assertEquals(2, db.getCollection("alert_rules").countDocuments(), "the defaults stay stored");

            browser.type("input[name=channels]", "pager");
            browser.click("form.rule-form button[type=submit]");
            browser.await("document.getElementById('toast').textContent.indexOf('Add failed') === 0", "a bad rule is refused");
            assertEquals("Add failed: Invalid channels parameter", browser.script("return document.getElementById('toast').textContent;"));
            assertFalse(browser.dialogOpen(), "no script from the data ran");

            browser.open(server.base + "#/group/" + fp);
            browser.await("document.querySelector('form.assign-form')", "the group page with its ownership forms");
            browser.type("form.assign-form input[name=assignee]", "ann");
            browser.click("form.assign-form button[type=submit]");
            metaShows(browser, "Assigneeann", "the assignee is shown");
            browser.type("#who", "bob");
            browser.type("form.comment-form textarea", "<script>alert(2)</script> gateway flaps");
            browser.click("form.comment-form button[type=submit]");
            browser.await("document.querySelectorAll('#main li.comment').length === 1", "the comment is listed");
            assertTrue(browser.text("#main li.comment").contains("bob") && browser.text("#main li.comment").contains("<script>alert(2)</script> gateway flaps"),
                    browser.text("#main li.comment"));
            browser.screenshot(Path.of("target", "console-group-ownership.png"));
            Document group = db.getCollection("error_groups").find(new Document("_id", fp)).first();
            assertEquals("ann", group.getString("assignee"));
            assertEquals("bob", group.getList("comments", Document.class).get(0).getString("by"));
            assertFalse(browser.dialogOpen(), "the comment is text, not script");
        }
    }

    @Test
    void aPersonSnoozesAGroupFromItsPageAndResolvesItInAReleaseOrTheNext() throws Exception {
        String name = TestDatabase.seeded();
        MongoDatabase db = MongoSource.get().client().getDatabase(name);
        String fp = Seed.fingerprint("snoozed");
        db.getCollection("error_groups").insertOne(Seed.group(fp, "card declined", java.time.Instant.now(), java.time.Instant.now(), 12));
        db.getCollection("app_errors").insertMany(List.of(
                Seed.occurrence("card declined", java.time.Instant.now()).append("fingerprint", fp).append("release", "1.10.0"),
                Seed.occurrence("card declined", java.time.Instant.now()).append("fingerprint", fp).append("release", "1.9.2")));
        try (ConsoleServer server = ConsoleServer.start(name); Chromium browser = Chromium.start()) {
            browser.open(server.base + "#/group/" + fp);
            browser.await("document.querySelector('form.snooze-form')", "the group page with its snooze form");
            browser.type("form.snooze-form input[name=snooze_value]", "2h");
            browser.click("form.snooze-form button[type=submit]");
            metaShows(browser, "Snoozed until", "the snooze is shown");
            Document group = db.getCollection("error_groups").find(new Document("_id", fp)).first();
            assertEquals("ignored", group.getString("status"));
            assertTrue(group.getDate("snoozed_until").after(new Date(System.currentTimeMillis() + 3_500_000L)), group.toJson());

            browser.script("document.querySelector('form.snooze-form select').value = 'occurrences';");
            browser.type("form.snooze-form input[name=snooze_value]", "5");
            browser.click("form.snooze-form button[type=submit]");
            metaShows(browser, "Snoozed until count17", "twelve so far and five more");
            assertEquals(17L, db.getCollection("error_groups").find(new Document("_id", fp)).first()
                    .get("snooze", Document.class).get("until_count", Number.class).longValue());

            browser.script("document.querySelector('form.snooze-form select').value = 'rate_per_hour';");
            browser.type("form.snooze-form input[name=snooze_value]", "many");
            browser.click("form.snooze-form button[type=submit]");
            browser.await("document.getElementById('toast').textContent.indexOf('Snooze failed') === 0", "a bad rate is refused");
            assertEquals("Snooze failed: Invalid rate_per_hour parameter", browser.script("return document.getElementById('toast').textContent;"));
            assertEquals(17L, db.getCollection("error_groups").find(new Document("_id", fp)).first()
                    .get("snooze", Document.class).get("until_count", Number.class).longValue(), "the snooze before is kept");
            browser.screenshot(Path.of("target", "console-group-snooze.png"));

            browser.click("form.release-form button[type=submit]");
            browser.await("document.getElementById('toast').textContent === 'Give a release'", "no release given");
            assertEquals("ignored", db.getCollection("error_groups").find(new Document("_id", fp)).first().getString("status"));
            browser.type("form.release-form input[name=in_release]", "2.0.0");
            browser.click("form.release-form button[type=submit]");
            metaShows(browser, "Resolved in release2.0.0", "resolved in 2.0.0");
            group = db.getCollection("error_groups").find(new Document("_id", fp)).first();
            assertEquals("resolved", group.getString("status"));
            assertEquals("2.0.0", group.getString("resolved_in_release"));
            assertEquals(null, group.get("snooze"), "resolving ends the snooze");

            browser.click("form.release-form button[data-action=resolve-next-release]");
            metaShows(browser, "Resolved in the release after", "resolved in the release after the newest seen");
            group = db.getCollection("error_groups").find(new Document("_id", fp)).first();
            assertEquals(null, group.get("resolved_in_release"));
            assertEquals("1.10.0", group.getString("resolved_after_release"), "the newest version seen, not the latest written");
            assertTrue(browser.text("#main dl.meta").contains("Resolved in the release after\n1.10.0"),
                    browser.text("#main dl.meta"));
            browser.screenshot(Path.of("target", "console-group-release.png"));
            assertFalse(browser.dialogOpen());
        }
    }
}
