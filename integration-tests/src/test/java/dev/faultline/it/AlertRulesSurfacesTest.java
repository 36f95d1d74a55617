package dev.faultline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Alert rules and notices from the CLI and the JSON API, against one MongoDB. */
class AlertRulesSurfacesTest {
    private static FaultlineCli.Result cli(String database, String... args) throws Exception {
        return FaultlineCli.runIn(database, args);
    }

    private static List<String> ids(List<Document> rules) {
        return rules.stream().map(d -> d.getString("_id")).toList();
    }

    @Test
    void theCliListsTheDefaultsUntilARuleIsAddedThenKeepsThemBesideItUntilRemoved() throws Exception {
        String db = TestDatabase.seeded();
        FaultlineCli.Result list = cli(db, "alerts");
        assertEquals(0, list.exit(), list.stderr());
        assertTrue(list.stdout().contains("default-new-group (default)"), list.stdout());
        assertTrue(list.stdout().contains("default-regression (default)"), list.stdout());

        FaultlineCli.Result added = cli(db, "alerts", "add", "--kind", "threshold", "--channels", "slack,webhook",
                "--threshold", "100", "--window", "10m", "--service", "checkout", "--id", "spikes");
        assertEquals(0, added.exit(), added.stderr());
        assertEquals("added alert rule spikes\n", added.stdout());
        List<Document> stored = MongoSource.get().client().getDatabase(db).getCollection("alert_rules").find().into(new java.util.ArrayList<>());
        assertEquals(List.of("default-new-group", "default-regression", "spikes"), ids(stored));
        Document spikes = stored.get(2);
        assertEquals(List.of("slack", "webhook"), spikes.getList("channels", String.class));
        assertEquals(100L, spikes.getLong("threshold"));
        assertEquals("10m", spikes.getString("window"));
        assertEquals("checkout", spikes.getString("service"));
        assertEquals("INFO", spikes.getString("min_severity"));

        assertEquals(0, cli(db, "alerts", "remove", "default-new-group").exit());
        FaultlineCli.Result again = cli(db, "alerts", "remove", "default-new-group");
        assertEquals(1, again.exit());
        assertTrue(again.stderr().contains("no alert rule default-new-group"), again.stderr());
        Document json = Document.parse(cli(db, "alerts", "list", "--json").stdout());
        assertEquals(List.of("default-regression", "spikes"), ids(json.getList("results", Document.class)));
    }

    @Test
    void theCliRefusesABadRuleNamingTheOptionAndStoresNothing() throws Exception {
        String db = TestDatabase.seeded();
        FaultlineCli.Result kind = cli(db, "alerts", "add", "--kind", "sometimes", "--channels", "webhook");
        assertEquals(2, kind.exit());
        assertTrue(kind.stderr().startsWith("faultline: invalid --kind: expected one of [new_group, regression, threshold, new_release]"), kind.stderr());
        FaultlineCli.Result channel = cli(db, "alerts", "add", "--kind", "new_group", "--channels", "pager");
        assertEquals(2, channel.exit());
        assertTrue(channel.stderr().startsWith("faultline: invalid --channels"), channel.stderr());
        FaultlineCli.Result threshold = cli(db, "alerts", "add", "--kind", "threshold", "--channels", "slack", "--threshold", "many");
        assertEquals(2, threshold.exit());
        assertTrue(threshold.stderr().startsWith("faultline: invalid --threshold"), threshold.stderr());
        FaultlineCli.Result window = cli(db, "alerts", "add", "--kind", "threshold", "--channels", "slack", "--window", "5s");
        assertEquals(2, window.exit());
        assertTrue(window.stderr().startsWith("faultline: invalid --window: expected a duration from 1m to 7d"), window.stderr());
        FaultlineCli.Result notThreshold = cli(db, "alerts", "add", "--kind", "new_group", "--channels", "slack", "--window", "1h");
        assertEquals(2, notThreshold.exit(), "a window is only for a threshold");
        assertEquals(0, MongoSource.get().client().getDatabase(db).getCollection("alert_rules").countDocuments());
    }

    @Test
    void theApiListsAddsAndRemovesRulesAndListsNoticesNewestFirst() throws Exception {
        String name = TestDatabase.seeded();
        MongoDatabase db = MongoSource.get().client().getDatabase(name);
        db.getCollection("notices").insertMany(List.of(
                new Document("_id", "n1").append("time", new Date(1_000)).append("event", "new_group").append("group", "g1")
                        .append("channel", "webhook").append("status", "sent").append("rule", "default-new-group"),
                new Document("_id", "n2").append("time", new Date(2_000)).append("event", "regression").append("group", "g2")
                        .append("channel", "slack").append("status", "failed").append("error", "java.net.ConnectException")
                        .append("rule", "r"),
                new Document("_id", "n0").append("time", new Date(500)).append("event", "digest").append("channel", "webhook")
                        .append("status", "sent").append("held_back", 2).append("text", "And 5 more occurrences of 2 groups"
                                + " in the last 10 minutes (2 notices held back by the rate limit)")));
        try (ConsoleServer server = ConsoleServer.start(name)) {
            Http http = new Http(server.base);
            Document defaults = http.get("/api/alert-rules/").json();
            assertEquals(List.of("default-new-group", "default-regression"), ids(defaults.getList("results", Document.class)));
            assertEquals(true, defaults.getList("results", Document.class).get(0).getBoolean("default"));

            Http.Answer created = http.post("/api/alert-rules/", "{\"id\":\"prod-new\",\"kind\":\"new_group\",\"channels\":[\"slack\"],\"environment\":\"prod\",\"min_severity\":\"critical\"}");
            assertEquals(201, created.status(), created.body());
            assertEquals("CRITICAL", created.json().getString("min_severity"));
            Http.Answer bad = http.post("/api/alert-rules/", "{\"kind\":\"new_group\",\"channels\":[\"pager\"]}");
            assertEquals(400, bad.status());
            assertEquals("Invalid channels parameter", bad.json().getString("error"));
            Http.Answer windowed = http.post("/api/alert-rules/", "{\"id\":\"hourly\",\"kind\":\"threshold\",\"channels\":[\"slack\"],\"threshold\":50,\"window\":\"1h\"}");
            assertEquals(201, windowed.status(), windowed.body());
            assertEquals("1h", windowed.json().getString("window"));
            assertEquals("Invalid window parameter",
                    http.post("/api/alert-rules/", "{\"kind\":\"threshold\",\"channels\":[\"slack\"],\"window\":\"forever\"}").json().getString("error"));
            assertEquals(200, http.post("/api/alert-rules/hourly/remove", "").status());
            assertEquals(400, http.post("/api/alert-rules/", "{\"kind\":\"new_group\",\"channels\":\"slack\",\"$where\":\"1\"}").status());
            assertEquals(400, http.post("/api/alert-rules/", "{\"kind\":{\"$ne\":1},\"channels\":\"slack\"}").status());
            assertEquals(List.of("default-new-group", "default-regression", "prod-new"),
                    ids(http.get("/api/alert-rules/").json().getList("results", Document.class)));

            assertEquals(200, http.post("/api/alert-rules/prod-new/remove", "").status());
            assertEquals(404, http.post("/api/alert-rules/prod-new/remove", "").status());

            db.getCollection("error_groups").insertOne(new Document("_id", "g1").append("status", "unresolved").append("count", 7L));
            Http.Answer snoozed = http.post("/api/error-groups/g1/snooze/", "{\"for\":\"2h\"}");
            assertEquals(200, snoozed.status(), snoozed.body());
            assertEquals("ignored", snoozed.json().getString("status"));
            Document group = db.getCollection("error_groups").find(new Document("_id", "g1")).first();
            assertEquals("ignored", group.getString("status"));
            assertTrue(group.getDate("snoozed_until").after(new Date(System.currentTimeMillis() + 3_500_000L)), group.toJson());
            assertEquals(400, http.post("/api/error-groups/g1/snooze/", "{\"for\":\"soon\"}").status());
            for (String body : java.util.List.of("{\"for\":\"2h\",\"occurrences\":5}", "{}")) {
                Http.Answer notOne = http.post("/api/error-groups/g1/snooze/", body);
                assertEquals(400, notOne.status(), body);
                assertEquals("Invalid snooze parameter", notOne.json().getString("error"), "not a bad until: " + body);
            }
            Http.Answer past = http.post("/api/error-groups/g1/snooze/", "{\"until\":\"2020-01-01T00:00:00Z\"}");
            assertEquals(400, past.status(), past.body());
            assertTrue(past.body().contains("a time in the future"), past.body());
            assertEquals(404, http.post("/api/error-groups/nope/snooze/", "{\"occurrences\":5}").status());
            Http.Answer hourly = http.post("/api/error-groups/g1/snooze/", "{\"rate_per_hour\":50}");
            assertEquals(200, hourly.status(), hourly.body());
            Document rate = db.getCollection("error_groups").find(new Document("_id", "g1")).first().get("snooze", Document.class);
            assertEquals(50L, rate.get("until_rate_per_hour", Number.class).longValue());
            assertEquals(7L, rate.get("hour_start_count", Number.class).longValue(), "counted from the group's count now");
            assertEquals(400, http.post("/api/error-groups/g1/snooze/", "{\"rate_per_hour\":50,\"occurrences\":5}").status());
            assertEquals(400, http.post("/api/error-groups/g1/snooze/", "{\"rate_per_hour\":0}").status());
            assertEquals(200, http.post("/api/error-groups/g1/unresolve/", "").status());
            assertEquals(null, db.getCollection("error_groups").find(new Document("_id", "g1")).first().get("snoozed_until"),
                    "unresolve ends the snooze");

            Http.Answer owned = http.post("/api/error-groups/g1/assign/", "{\"assignee\":\"ann\"}");
            assertEquals(new Document("assignee", "ann"), owned.json());
            assertEquals(200, http.post("/api/error-groups/g1/comment/", "{\"by\":\"bob\",\"text\":\"<b>looking</b>\"}").status());
            Document detail = http.get("/api/error-groups/g1/").json();
            assertEquals("ann", detail.getString("assignee"));
            assertEquals("<b>looking</b>", detail.getList("comments", Document.class).get(0).getString("text"));
            assertEquals(400, http.post("/api/error-groups/g1/comment/", "{\"by\":\"bob\"}").status(), "a comment needs text");
            assertEquals(400, http.post("/api/error-groups/g1/assign/", "{\"owner\":\"ann\"}").status());
            assertEquals(404, http.post("/api/error-groups/nope/assign/", "{\"assignee\":\"ann\"}").status());

            Document notices = http.get("/api/notices/").json();
            assertEquals(List.of("n2", "n1", "n0"), ids(notices.getList("results", Document.class)));
            assertEquals(List.of("n1"), ids(http.get("/api/notices/?group=g1").json().getList("results", Document.class)));
            assertEquals(400, http.get("/api/notices/?limit=0").status());
        }
        FaultlineCli.Result cli = cli(name, "notices");
        assertEquals(0, cli.exit(), cli.stderr());
        assertTrue(cli.stdout().indexOf("regression") < cli.stdout().indexOf("new_group"), cli.stdout());
        assertTrue(cli.stdout().lines().anyMatch(l -> l.contains(" failed ") && l.contains("java.net.ConnectException")),
                "a failed notice says why: " + cli.stdout());
        assertTrue(cli.stdout().lines().anyMatch(l -> l.contains(" digest ") && l.contains("And 5 more occurrences of 2 groups")),
                "a digest shows its text: " + cli.stdout());
    }
}
