package dev.faultline.it;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Alerts with real agents writing into one MongoDB: several JVMs log the same error at the same
 * moment (each waits on stdin, then all are told at once), and exactly one notice goes out,
 * decided by the group write that created, reopened or pushed the group past a count.
 */
class AlertsTest {
    private static final String APP = "com.example.alerts.AlertsApp";

    private static AgentJvm app(Stored stored, String service) {
        return new AgentJvm(AgentJvm.Jdk.JDK17, APP).libs("logback15").storingIn(MongoSource.get().uri, stored.database)
                .set("service", service).set("environment", "prod").set("app-packages", "com.example");
    }

    /** Starts {@code jvms} children, then sends each the same {@code steps} once all are ready; returns their results. */
    private static List<AgentJvm.Result> atOnce(int jvms, AgentJvm setup, String... steps) throws Exception {
        return atOnce(jvms, setup, () -> { }, steps);
    }

    interface Check {
        void run() throws Exception;
    }

    /** {@link #atOnce(int, AgentJvm, String...)}, running {@code beforeExit} after the steps while the children still run. */
    private static List<AgentJvm.Result> atOnce(int jvms, AgentJvm setup, Check beforeExit, String... steps) throws Exception {
        List<AgentJvm.Running> running = new ArrayList<>();
        try {
            for (int i = 0; i < jvms; i++) {
                running.add(setup.start());
            }
            for (AgentJvm.Running r : running) {
                assertTrue(r.skipTo("ready"), "child started");
            }
            for (String step : steps) {
                for (AgentJvm.Running r : running) {
                    r.send(step);
                }
                for (AgentJvm.Running r : running) {
                    assertTrue(r.skipTo("ok"), "child did " + step);
                }
            }
            beforeExit.run();
            List<AgentJvm.Result> results = new ArrayList<>();
            for (AgentJvm.Running r : running) {
                AgentJvm.Result result = r.finish();
                assertEquals(0, result.exit(), result.output());
                results.add(result);
            }
            return results;
        } finally {
            running.forEach(AgentJvm.Running::close);
        }
    }

    /** The events of the notices the webhook got, in order. */
    private static List<String> events(WebhookReceiver hook) {
        return hook.bodies().stream().map(b -> b.getString("event")).toList();
    }

    private static List<Document> notices(Stored stored, int n) {
        return stored.await(stored.collection("notices"), new Document(), n);
    }

    @Test
    void severalJvmsLoggingTheSameNewErrorAtOnceSendExactlyOneNotice() throws Exception {
        Stored stored = Stored.fresh();
        try (WebhookReceiver hook = new WebhookReceiver(200)) {
            atOnce(3, app(stored, "checkout").set("notify.webhook", hook.url()).set("capture.level", "WARN"),
                    "warn:slow:1", "fail:same:1", "fail:same:2");
            Document group = stored.await(stored.collection("error_groups"), eq("count", 9L), 1).get(0);
            stored.await(stored.collection("error_groups"), and(eq("count", 3L), eq("severity", "WARNING")), 1);
            Eventually.await("the new group's notice", hook::bodies, b -> b.size() >= 1);
            List<Document> stored1 = notices(stored, 1);
            assertEquals(1, hook.bodies().size(),
                    "one notice for three JVMs, none for repeats nor for a new warning (the defaults' min_severity ERROR): " + hook.bodies());
            Document body = hook.bodies().get(0);
            assertEquals("new_group", body.getString("event"));
            assertEquals("default-new-group", body.getString("rule"));
            assertEquals(group.getString("_id"), body.getString("group"));
            assertEquals("checkout", body.getString("service"));
            assertEquals("prod", body.getString("environment"));
            assertEquals("ERROR", body.getString("severity"));
            assertTrue(body.getString("text").startsWith("New error in checkout (prod): "), body.getString("text"));
            assertEquals(1, stored1.size(), stored1.toString());
            Document notice = stored1.get(0);
            assertEquals("sent", notice.getString("status"));
            assertEquals("webhook", notice.getString("channel"));
            assertEquals("default-new-group", notice.getString("rule"));
            assertEquals(group.getString("_id"), notice.getString("group"));
            assertEquals(body.getString("notice_id"), notice.getString("_id"));
        }
    }

    @Test
    void aResolvedGroupOccurringAgainInSeveralJvmsSendsOneRegressionNoticeAndAnOpenOneNone() throws Exception {
        Stored stored = Stored.fresh();
        try (WebhookReceiver hook = new WebhookReceiver(200)) {
            AgentJvm setup = app(stored, "checkout").set("notify.webhook", hook.url());
            String fp = firstGroup(stored, setup, "back");
            stored.collection("error_groups").updateOne(eq("_id", fp), Updates.combine(
                    Updates.set("status", "resolved"), Updates.set("resolved_timestamp", new Date())));
            atOnce(2, setup, "fail:back:1");
            stored.await(stored.collection("error_groups"), eq("count", 3L), 1);
            atOnce(1, setup, "fail:back:1");
            stored.await(stored.collection("error_groups"), eq("count", 4L), 1);
            Eventually.await("the new group's and the regression's notices", hook::bodies, b -> b.size() >= 2);
            List<String> events = events(hook);
            assertEquals(List.of("new_group", "regression"), events, "one regression for two JVMs, none while it is open");
            assertTrue(hook.bodies().get(1).getString("text").startsWith("Regression"));
            Document reopened = stored.collection("error_groups").find().first();
            assertEquals("unresolved", reopened.getString("status"));
            assertEquals(1, reopened.getInteger("regressions"));
        }
    }

    @Test
    void aThresholdRuleAnnouncesTheTenthOccurrenceOnceAcrossJvmsAndReplacesTheDefaults() throws Exception {
        Stored stored = Stored.fresh();
        stored.collection("alert_rules").insertOne(new Document("_id", "spikes").append("kind", "threshold")
                .append("channels", List.of("webhook")).append("min_severity", "ERROR").append("threshold", 10L));
        try (WebhookReceiver hook = new WebhookReceiver(200)) {
            atOnce(2, app(stored, "checkout").set("notify.webhook", hook.url()), "fail:spike:6");
            stored.await(stored.collection("error_groups"), eq("count", 12L), 1);
            Eventually.await("the threshold notice", hook::bodies, b -> b.size() >= 1);
            notices(stored, 1);
            assertEquals(1, hook.bodies().size(), "the 10th occurrence once, no new-group notice: " + hook.bodies());
            Document body = hook.bodies().get(0);
            assertEquals("threshold", body.getString("event"));
            assertEquals("spikes", body.getString("rule"));
            assertEquals(10L, body.get("threshold", Number.class).longValue());
            assertFalse(body.containsKey("window"), "a running count's milestone");
            assertTrue(body.getString("text").startsWith("Error reached 10 occurrences in checkout"), body.getString("text"));
        }
    }

    /**
     * Windows are fixed, counted from the epoch; a week's window keeps this test clear of a
     * window's end (one would have to fall within the few seconds the children log).
     */
    @Test
    void aThresholdWithinAWindowIsAnnouncedOnceInTheWindowAcrossJvmsAndNotForAGroupBelowIt() throws Exception {
        Stored stored = Stored.fresh();
        stored.collection("alert_rules").insertOne(new Document("_id", "weekly").append("kind", "threshold")
                .append("channels", List.of("webhook")).append("threshold", 10L).append("window", "7d"));
        try (WebhookReceiver hook = new WebhookReceiver(200)) {
            atOnce(2, app(stored, "checkout").set("notify.webhook", hook.url()), "fail:weekly:5", "fail:calm:4", "fail:weekly:5");
            Document group = stored.await(stored.collection("error_groups"), eq("count", 20L), 1).get(0);
            stored.await(stored.collection("error_groups"), eq("count", 8L), 1);
            Document windows = group.get("window_counts", Document.class);
            assertEquals(1, windows.size(), windows.toJson());
            String key = windows.keySet().iterator().next();
            assertTrue(key.startsWith("604800s_"), key);
            assertEquals(20L, windows.get(key, Number.class).longValue(), "the week's count");
            Eventually.await("the threshold notice", hook::bodies, b -> b.size() >= 1);
            notices(stored, 1);
            assertEquals(1, hook.bodies().size(), "10 in the week once for two JVMs, not again at 20, none for 8: " + hook.bodies());
            Document body = hook.bodies().get(0);
            assertEquals(group.getString("_id"), body.getString("group"));
            assertEquals(10L, body.get("threshold", Number.class).longValue());
            assertEquals("7d", body.getString("window"));
            assertTrue(body.getString("text").startsWith("Error reached 10 occurrences within 7d in checkout (prod): "), body.getString("text"));
        }
    }

    @Test
    void slackGetsTheTextOfItsRuleAndAnotherServiceStaysQuiet() throws Exception {
        Stored stored = Stored.fresh();
        stored.collection("alert_rules").insertOne(new Document("_id", "checkout-to-slack").append("kind", "new_group")
                .append("channels", List.of("slack")).append("service", "checkout"));
        try (WebhookReceiver slack = new WebhookReceiver(200)) {
            atOnce(1, app(stored, "billing").set("notify.slack", slack.url()), "fail:elsewhere:1");
            atOnce(1, app(stored, "checkout").set("notify.slack", slack.url()), "fail:here:1");
            notices(stored, 1);
            Eventually.await("the slack notice", slack::bodies, b -> b.size() >= 1);
            assertEquals(1, slack.bodies().size(), slack.bodies().toString());
            Document body = slack.bodies().get(0);
            assertEquals(List.of("text"), new ArrayList<>(body.keySet()), "Slack's incoming-webhook shape: " + body);
            assertTrue(body.getString("text").contains("checkout failed at step here"), body.getString("text"));
            assertEquals(1, stored.collection("notices").countDocuments());
        }
    }

    @Test
    void aFailingChannelIsStoredAsFailedCountedInHealthAndItsUrlNeverPrinted() throws Exception {
        Stored stored = Stored.fresh();
        try (WebhookReceiver hook = new WebhookReceiver(500)) {
            List<AgentJvm.Result> runs = atOnce(1, app(stored, "checkout").set("notify.webhook", hook.url()), "fail:down:1");
            Document notice = notices(stored, 1).get(0);
            assertEquals("failed", notice.getString("status"));
            assertEquals("IOException: HTTP 500", notice.getString("error"));
            Document health = stored.await(stored.health(), eq("alerts_failed", 1L), 1).get(0);
            assertEquals(0L, health.getLong("alerts_sent"));
            assertFalse(runs.get(0).output().contains("secret-token"), "the webhook URL (often a secret) is never printed");
            assertFalse(notice.toJson().contains("secret-token"));
        }
    }

    private static long number(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0;
    }

    /**
     * The rate limit's windows are fixed (10 minutes from the epoch): a burst that happened to
     * straddle a window's end is two windows' worth, and the test is skipped (not failed).
     */
    private static void assumeOneWindow(Stored stored) {
        List<Document> windows = stored.collection("notice_limits").find().into(new ArrayList<>());
        Assumptions.assumeTrue(windows.size() == 1, "the burst straddled the end of a rate-limit window: " + windows);
    }

    @Test
    void aBurstOfNewGroupsSendsTheChannelsLimitThenOneDigest() throws Exception {
        Stored stored = Stored.fresh();
        try (WebhookReceiver hook = new WebhookReceiver(200)) {
            atOnce(1, app(stored, "checkout").set("notify.webhook", hook.url()), "groups:burst:13");
            assumeOneWindow(stored);
            notices(stored, 11);
            Eventually.await("ten notices and the digest", hook::bodies, b -> b.size() >= 11);
            List<Document> bodies = hook.bodies();
            assertEquals(11, bodies.size(), bodies.toString());
            assertEquals(10, bodies.stream().filter(b -> "new_group".equals(b.getString("event"))).count());
            Document digest = bodies.get(10);
            assertEquals("digest", digest.getString("event"));
            assertEquals(3, digest.getInteger("groups"));
            assertEquals(3L, digest.get("occurrences", Number.class).longValue());
            assertEquals("And 3 more occurrences of 3 groups in the last 10 minutes (3 notices held back by the rate limit)",
                    digest.getString("text"));
            assertEquals(1, stored.collection("notices").countDocuments(eq("event", "digest")));
        }
    }

    /** Each child logs 8 new groups of its own: 16 notices decided, 10 go out across both, one digest has the other 6. */
    @Test
    void theRateLimitHoldsAcrossJvmsAndOneDigestCarriesWhatAllOfThemHeldBack() throws Exception {
        Stored stored = Stored.fresh();
        try (WebhookReceiver hook = new WebhookReceiver(200)) {
            atOnce(2, app(stored, "checkout").set("notify.webhook", hook.url()), () -> {
                stored.await(stored.collection("error_groups"), new Document(), 16);
                // Both children decided all their notices before either exits (an exiting JVM sends the digest it can).
                Eventually.await("every notice decided", () -> stored.collection("notice_limits").find().into(new ArrayList<>()),
                        ws -> ws.stream().mapToLong(w -> number(w, "sent") + number(w, "held_back")).sum() >= 16);
            }, "groups:pid:8");
            assumeOneWindow(stored);
            notices(stored, 11);
            Eventually.await("ten notices and the digest", hook::bodies, b -> b.size() >= 11);
            List<Document> bodies = hook.bodies();
            assertEquals(11, bodies.size(), "10 for two JVMs, not 10 each: " + bodies);
            assertEquals(10, bodies.stream().filter(b -> "new_group".equals(b.getString("event"))).count());
            List<Document> digests = bodies.stream().filter(b -> "digest".equals(b.getString("event"))).toList();
            assertEquals(1, digests.size(), "one digest, sent by one of the JVMs");
            assertEquals("And 6 more occurrences of 6 groups in the last 10 minutes (6 notices held back by the rate limit)",
                    digests.get(0).getString("text"));
            assertEquals(1, stored.collection("notices").countDocuments(eq("event", "digest")));
            Document window = stored.collection("notice_limits").find().first();
            assertEquals(10, window.get("sent", Number.class).intValue());
            assertEquals(0, window.get("held_back", Number.class).intValue(), "taken by the digest");
        }
    }

    @Test
    void anIgnoredGroupSendsNothingWhereAnOpenOneCrossesTheThreshold() throws Exception {
        Stored stored = Stored.fresh();
        stored.collection("alert_rules").insertOne(new Document("_id", "fives").append("kind", "threshold")
                .append("channels", List.of("webhook")).append("threshold", 5L));
        try (WebhookReceiver hook = new WebhookReceiver(200)) {
            AgentJvm setup = app(stored, "checkout").set("notify.webhook", hook.url());
            atOnce(1, setup, "fail:muted:1", "fail:open:1");
            stored.await(stored.collection("error_groups"), new Document(), 2);
            stored.collection("error_groups").updateOne(eq("_id", fingerprint(stored, "muted")), Updates.set("status", "ignored"));
            atOnce(1, setup, "fail:muted:9", "fail:open:9");
            stored.await(stored.collection("error_groups"), eq("count", 10L), 2);
            notices(stored, 1);
            Eventually.await("the open group's threshold notice", hook::bodies, b -> b.size() >= 1);
            assertEquals(1, hook.bodies().size(), hook.bodies().toString());
            assertTrue(hook.bodies().get(0).getString("title").contains("open"), hook.bodies().toString());
        }
    }

    private static void mailRule(Stored stored) {
        stored.collection("alert_rules").insertOne(new Document("_id", "mail-new").append("kind", "new_group")
                .append("channels", List.of("email")));
    }

    private static AgentJvm mailing(AgentJvm setup, SmtpReceiver smtp) {
        return setup.set("notify.smtp.host", "127.0.0.1").set("notify.smtp.port", String.valueOf(smtp.port()))
                .set("notify.smtp.from", "faultline@example.com").set("notify.smtp.to", "oncall@example.com,ann@example.com")
                .set("notify.smtp.username", "alerts").set("notify.smtp.password", "Sm7pS3cret");
    }

    @Test
    void emailGoesOverSmtpWithAuthAndThePasswordIsNeverPrinted() throws Exception {
        Stored stored = Stored.fresh();
        mailRule(stored);
        try (SmtpReceiver smtp = new SmtpReceiver()) {
            List<AgentJvm.Result> runs = atOnce(2, mailing(app(stored, "checkout"), smtp).set("notify.smtp.starttls", "false")
                    .set("debug", "true"), "fail:mailed:1");
            Document notice = notices(stored, 1).get(0);
            assertEquals("sent", notice.getString("status"), notice.toJson());
            assertEquals("email", notice.getString("channel"));
            assertEquals(1, smtp.mails().size(), "one e-mail for two JVMs");
            SmtpReceiver.Mail mail = smtp.mails().get(0);
            assertEquals("<faultline@example.com>", mail.from());
            assertEquals(List.of("<oncall@example.com>", "<ann@example.com>"), mail.to());
            assertEquals("|alerts|Sm7pS3cret", mail.credentials());
            assertTrue(mail.data().contains("\nSubject: [faultline] New error in checkout (prod): checkout failed at step mailed"), mail.data());
            assertTrue(mail.data().contains("Rule:        mail-new (new_group)"), mail.data());
            for (AgentJvm.Result run : runs) {
                assertFalse(run.output().contains("Sm7pS3cret"), "the SMTP password is never printed");
                assertTrue(run.output().contains("password <hidden>"), "debug shows that one is set");
            }
        }
    }

    @Test
    void emailRefusesToSendWithoutStarttlsUnlessToldAndStoresTheFailure() throws Exception {
        Stored stored = Stored.fresh();
        mailRule(stored);
        try (SmtpReceiver smtp = new SmtpReceiver()) {
            atOnce(1, mailing(app(stored, "checkout"), smtp), "fail:unsafe:1");
            Document notice = notices(stored, 1).get(0);
            assertEquals("failed", notice.getString("status"));
            assertTrue(notice.getString("error").startsWith("IOException: SMTP server offers no STARTTLS"), notice.toJson());
            assertTrue(smtp.mails().isEmpty(), "nothing sent, no password over a plain connection");
            stored.await(stored.health(), eq("alerts_failed", 1L), 1);
        }
    }

    /**
     * Two groups: one snoozed for three more occurrences, one for two hours; "two hours later" is
     * the stored snooze's time moved into the past (the test does not wait for a clock).
     */
    @Test
    void aGroupSnoozedForThreeMoreOccurrencesOrUntilATimeStaysQuietThenReopensWithOneNotice() throws Exception {
        Stored stored = Stored.fresh();
        try (WebhookReceiver hook = new WebhookReceiver(200)) {
            AgentJvm setup = app(stored, "checkout").set("notify.webhook", hook.url());
            atOnce(1, setup, "fail:napping:1", "fail:dozing:1");
            stored.await(stored.collection("error_groups"), new Document(), 2);
            String napping = fingerprint(stored, "napping");
            String dozing = fingerprint(stored, "dozing");
            FaultlineCli.Result snoozed = cli(stored, "snooze", napping.substring(0, 12), "--occurrences", "3");
            assertEquals(0, snoozed.exit(), snoozed.stderr());
            assertEquals("group " + napping + ": snoozed until its count reaches 4\n", snoozed.stdout());
            FaultlineCli.Result timed = cli(stored, "snooze", dozing, "--for", "2h");
            assertTrue(timed.stdout().startsWith("group " + dozing + ": snoozed until "), timed.stdout() + timed.stderr());
            atOnce(1, setup, "fail:napping:2", "fail:dozing:1");
            stored.await(stored.collection("error_groups"), and(eq("_id", napping), eq("count", 3L), eq("status", "ignored")), 1);
            stored.await(stored.collection("error_groups"), and(eq("_id", dozing), eq("count", 2L), eq("status", "ignored")), 1);
            Date past = new Date(System.currentTimeMillis() - 60_000);
            stored.collection("error_groups").updateOne(eq("_id", dozing),
                    Updates.combine(Updates.set("snooze.until", past), Updates.set("snoozed_until", past)));
            atOnce(2, setup, "fail:napping:1", "fail:dozing:1");
            for (String fp : List.of(napping, dozing)) {
                Document reopened = stored.await(stored.collection("error_groups"), and(eq("_id", fp),
                        eq("count", fp.equals(napping) ? 5L : 4L)), 1).get(0);
                assertEquals("unresolved", reopened.getString("status"));
                assertEquals(null, reopened.get("snooze"));
                assertEquals(null, reopened.get("snoozed_until"));
            }
            Eventually.await("each group's new-group and snooze-end notices", hook::bodies, b -> b.size() >= 4);
            notices(stored, 4);
            for (String fp : List.of(napping, dozing)) {
                List<Document> bodies = hook.bodies().stream().filter(b -> fp.equals(b.getString("group"))).toList();
                assertEquals(List.of("new_group", "snooze_ended"), bodies.stream().map(b -> b.getString("event")).toList(),
                        "nothing while snoozed, one notice for two JVMs: " + hook.bodies());
                assertTrue(bodies.get(1).getString("text").startsWith("Snooze ended"), bodies.toString());
            }
        }
    }

    @Test
    void aGroupSnoozedUntilMoreThanThreeAnHourStaysQuietAtTwoThenReopensWithOneNotice() throws Exception {
        Stored stored = Stored.fresh();
        try (WebhookReceiver hook = new WebhookReceiver(200)) {
            AgentJvm setup = app(stored, "checkout").set("notify.webhook", hook.url());
            String fp = firstGroup(stored, setup, "hourly");
            FaultlineCli.Result snoozed = cli(stored, "snooze", fp, "--rate-per-hour", "3");
            assertEquals("group " + fp + ": snoozed until more than 3 occurrences in an hour\n", snoozed.stdout(), snoozed.stderr());
            atOnce(1, setup, "fail:hourly:2");
            stored.await(stored.collection("error_groups"), and(eq("count", 3L), eq("status", "ignored")), 1);
            // Six more: more than 3 in the hour, whichever side of an hour's end they fall.
            atOnce(3, setup, "fail:hourly:2");
            Document reopened = stored.await(stored.collection("error_groups"), eq("count", 9L), 1).get(0);
            assertEquals("unresolved", reopened.getString("status"));
            assertEquals(null, reopened.get("snooze"));
            Eventually.await("the new group's and the snooze's end notices", hook::bodies, b -> b.size() >= 2);
            assertEquals(List.of("new_group", "snooze_ended"), events(hook),
                    "nothing at 2 an hour, one notice for three JVMs past 3");
        }
    }

    @Test
    void anAssignedGroupsRegressionNoticeNamesTheAssigneeAndCommentsAreKept() throws Exception {
        Stored stored = Stored.fresh();
        try (WebhookReceiver hook = new WebhookReceiver(200)) {
            AgentJvm setup = app(stored, "checkout").set("notify.webhook", hook.url());
            String fp = firstGroup(stored, setup, "owned");
            FaultlineCli.Result assigned = cli(stored, "assign", fp, "--to", "ann");
            assertEquals("group " + fp + ": assigned to ann\n", assigned.stdout(), assigned.stderr());
            FaultlineCli.Result commented = cli(stored, "comment", fp, "--by", "bob", "--text", "gateway flaps at night");
            assertEquals(0, commented.exit(), commented.stderr());
            assertEquals(0, cli(stored, "resolve", fp, "--by", "ann").exit());
            atOnce(1, setup, "fail:owned:1");
            Eventually.await("the regression notice", hook::bodies, b -> b.size() >= 2);
            Document regression = hook.bodies().get(1);
            assertEquals("regression", regression.getString("event"));
            assertEquals("ann", regression.getString("assignee"));
            assertTrue(regression.getString("text").endsWith(" - assigned to ann"), regression.getString("text"));
            assertEquals(null, hook.bodies().get(0).getString("assignee"), "the new group had no assignee yet");
            Document group = stored.collection("error_groups").find(eq("_id", fp)).first();
            List<Document> comments = group.getList("comments", Document.class);
            assertEquals(1, comments.size());
            assertEquals("bob", comments.get(0).getString("by"));
            assertEquals("gateway flaps at night", comments.get(0).getString("text"));
            FaultlineCli.Result shown = cli(stored, "group", fp);
            assertTrue(shown.stdout().contains("assignee     ann"), shown.stdout());
            assertTrue(shown.stdout().matches("(?s).*\ncomments\n  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  bob: gateway flaps at night\n.*"),
                    "the CLI shows the comments: " + shown.stdout());
        }
    }

    @Test
    void aGroupResolvedInReleaseTwoStaysResolvedForAnOldReleaseAndRegressesOnceForTwo() throws Exception {
        Stored stored = Stored.fresh();
        try (WebhookReceiver hook = new WebhookReceiver(200)) {
            AgentJvm old = app(stored, "checkout").set("notify.webhook", hook.url()).set("release", "1.9.0");
            String fp = firstGroup(stored, old, "shipped");
            FaultlineCli.Result resolved = cli(stored, "resolve", fp, "--in-release", "2.0.0", "--by", "ann");
            assertEquals(0, resolved.exit(), resolved.stderr());
            assertTrue(resolved.stdout().startsWith("group " + fp + ": resolved by ann in release 2.0.0 ("), resolved.stdout());
            atOnce(1, old, "fail:shipped:1");
            Document still = stored.await(stored.collection("error_groups"), eq("count", 2L), 1).get(0);
            assertEquals("resolved", still.getString("status"), "an occurrence from 1.9.0 does not reopen it");
            assertEquals("2.0.0", still.getString("resolved_in_release"));
            FaultlineCli.Result shown = cli(stored, "group", fp);
            assertTrue(shown.stdout().contains("\nresolved in  release 2.0.0\n"), shown.stdout());
            atOnce(2, app(stored, "checkout").set("notify.webhook", hook.url()).set("release", "2.0.0"), "fail:shipped:1");
            Document reopened = stored.await(stored.collection("error_groups"), eq("count", 4L), 1).get(0);
            assertEquals("unresolved", reopened.getString("status"));
            assertEquals(1, reopened.getInteger("regressions"));
            assertEquals(null, reopened.get("resolved_in_release"));
            Eventually.await("the new group's and the regression's notices", hook::bodies, b -> b.size() >= 2);
            List<Document> bodies = hook.bodies();
            assertEquals(List.of("new_group", "regression"), events(hook),
                    "none for 1.9.0, one for two JVMs of 2.0.0");
            assertEquals("2.0.0", bodies.get(1).getString("release"));
        }
    }

    @Test
    void aGroupResolvedInTheNextReleaseStaysResolvedForTheNewestSeenAndRegressesForANewerOne() throws Exception {
        Stored stored = Stored.fresh();
        try (WebhookReceiver hook = new WebhookReceiver(200)) {
            AgentJvm current = app(stored, "checkout").set("notify.webhook", hook.url()).set("release", "1.10.0");
            String fp = firstGroup(stored, current, "next");
            atOnce(1, app(stored, "checkout").set("release", "1.9.2"), "fail:other:1");
            stored.await(stored.collection("error_groups"), new Document(), 2);
            try (ConsoleServer server = ConsoleServer.start(stored.database)) {
                Http http = new Http(server.base);
                assertEquals(400, http.post("/api/error-groups/" + fp + "/resolve/",
                        "{\"in_next_release\": true, \"in_release\": \"2.0.0\"}").status(), "one of the two");
                Http.Answer r = http.post("/api/error-groups/" + fp + "/resolve/", "{\"in_next_release\": true}");
                assertEquals(200, r.status(), r.body());
                assertEquals("1.10.0", r.json().getString("resolved_after_release"), "the newest version, not the latest occurrence's");
            }
            atOnce(1, current, "fail:next:1");
            Document still = stored.await(stored.collection("error_groups"), and(eq("_id", fp), eq("count", 2L)), 1).get(0);
            assertEquals("resolved", still.getString("status"), "the newest release seen (1.10.0, not 1.9.2) does not reopen it");
            atOnce(1, app(stored, "checkout").set("notify.webhook", hook.url()).set("release", "1.10.1"), "fail:next:1");
            Document reopened = stored.await(stored.collection("error_groups"), and(eq("_id", fp), eq("count", 3L)), 1).get(0);
            assertEquals("unresolved", reopened.getString("status"));
            Eventually.await("the new group's and the regression's notices", hook::bodies, b -> b.size() >= 2);
            assertEquals(List.of("new_group", "regression"), events(hook));
        }
    }

    @Test
    void aNewReleaseRuleAnnouncesAGroupSeenInANewReleaseOnceAcrossJvmsAndNotAReleaseSeenBeforeNorPastTheHundredth() throws Exception {
        Stored stored = Stored.fresh();
        stored.collection("alert_rules").insertOne(new Document("_id", "releases").append("kind", "new_release")
                .append("channels", List.of("webhook")).append("min_severity", "ERROR"));
        try (WebhookReceiver hook = new WebhookReceiver(200)) {
            AgentJvm old = app(stored, "checkout").set("notify.webhook", hook.url()).set("release", "1.0.0");
            String fp = firstGroup(stored, old, "rollout");
            atOnce(1, old, "fail:rollout:1");
            stored.await(stored.collection("error_groups"), eq("count", 2L), 1);
            atOnce(2, app(stored, "checkout").set("notify.webhook", hook.url()).set("release", "1.1.0"), "fail:rollout:1");
            Document group = stored.await(stored.collection("error_groups"), eq("count", 4L), 1).get(0);
            assertEquals(List.of("1.0.0", "1.1.0"), group.getList("releases", String.class));
            Eventually.await("the new release's notice", hook::bodies, b -> b.size() >= 1);
            notices(stored, 1);
            assertEquals(1, hook.bodies().size(), "none when created or for 1.0.0 again, one for two JVMs of 1.1.0: " + hook.bodies());
            Document body = hook.bodies().get(0);
            assertEquals("new_release", body.getString("event"));
            assertEquals(fp, body.getString("group"));
            assertEquals("1.1.0", body.getString("release"));
            assertTrue(body.getString("text").startsWith("Error seen in a new release (1.1.0) in checkout (prod): "), body.getString("text"));

            List<String> hundred = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                hundred.add("c" + i);
            }
            stored.collection("error_groups").updateOne(eq("_id", fp), Updates.set("releases", hundred));
            atOnce(1, app(stored, "checkout").set("notify.webhook", hook.url()).set("release", "3f2a9c1"), "fail:rollout:1");
            Document full = stored.await(stored.collection("error_groups"), eq("count", 5L), 1).get(0);
            assertEquals(hundred, full.getList("releases", String.class), "the first 100 releases are kept, no more");
            assertEquals(1, stored.collection("notices").countDocuments(), "a release past the 100th is not announced");
        }
    }

    /** One child logs one error of group {@code key}; its fingerprint once stored. */
    private static String firstGroup(Stored stored, AgentJvm setup, String key) throws Exception {
        atOnce(1, setup, "fail:" + key + ":1");
        return stored.await(stored.collection("error_groups"), new Document(), 1).get(0).getString("_id");
    }

    /** The fingerprint of the stored group whose title names {@code key}. */
    private static String fingerprint(Stored stored, String key) {
        return stored.collection("error_groups").find().into(new ArrayList<>()).stream()
                .filter(g -> g.getString("title").contains(" " + key + " ")).findFirst().orElseThrow().getString("_id");
    }

    private static FaultlineCli.Result cli(Stored stored, String... args) throws Exception {
        return FaultlineCli.runIn(stored.database, args);
    }
}
