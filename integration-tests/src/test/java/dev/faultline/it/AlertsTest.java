package dev.faultline.it;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Alerts with real agents writing into one MongoDB: several JVMs log the same error at the same
 * moment (each waits on stdin, then all are told at once), and exactly one notice goes out,
 * decided by the group write that created, reopened or pushed the group past a count.
 */
class AlertsTest {
    private static final String APP = "com.example.alerts.AlertsApp";

    /** One test's fresh database and webhook receiver (answering {@code status}), and what the test reads from them. */
    private static final class Scenario implements AutoCloseable {
        final Stored stored = Stored.fresh();
        final WebhookReceiver hook;

        Scenario() throws IOException {
            this(200);
        }

        Scenario(int status) throws IOException {
            hook = new WebhookReceiver(status);
        }

        /** Stores rule {@code id} of {@code kind} sending to the webhook; {@code more} are further fields, name then value. */
        Scenario rule(String id, String kind, Object... more) {
            Document rule = new Document("_id", id).append("kind", kind).append("channels", List.of("webhook"));
            for (int i = 0; i < more.length; i += 2) {
                rule.append((String) more[i], more[i + 1]);
            }
            collection("alert_rules").insertOne(rule);
            return this;
        }

        /**
         * A child of {@code service} in prod writing into this scenario's database, with no channel.
         * Its last group writes and notices are made at exit: three JVMs starting at once on a
         * loaded machine may need more than the default 5 s for them (the exit waits only while
         * there is something to write).
         */
        AgentJvm quiet(String service) {
            return new AgentJvm(AgentJvm.Jdk.JDK17, APP).libs("logback15").storingIn(MongoSource.get().uri, stored.database)
                    .set("service", service).set("environment", "prod").set("app-packages", "com.example")
                    .set("shutdown.timeout", "30s");
        }

        /** {@link #quiet}, notifying this scenario's webhook. */
        AgentJvm app(String service) {
            return quiet(service).set("notify.webhook", hook.url());
        }

        AgentJvm app(String service, String release) {
            return app(service).set("release", release);
        }

        MongoCollection<Document> collection(String name) {
            return stored.collection(name);
        }

        /** Waits for {@code n} groups matching {@code filter}. */
        List<Document> groups(Bson filter, int n) {
            return stored.await(collection("error_groups"), filter, n);
        }

        Document group(Bson filter) {
            return groups(filter, 1).get(0);
        }

        /** One child logs one error of group {@code key}; its fingerprint once stored. */
        String firstGroup(AgentJvm setup, String key) throws Exception {
            atOnce(1, setup, "fail:" + key + ":1");
            return group(new Document()).getString("_id");
        }

        /** The fingerprint of the stored group whose title names {@code key}. */
        String fingerprint(String key) {
            return collection("error_groups").find().into(new ArrayList<>()).stream()
                    .filter(g -> g.getString("title").contains(" " + key + " ")).findFirst().orElseThrow().getString("_id");
        }

        /** Waits for {@code n} documents in {@code notices}. */
        List<Document> notices(int n) {
            return stored.await(collection("notices"), new Document(), n);
        }

        /** Waits until the webhook got {@code n} bodies, then returns all it got. */
        List<Document> bodies(int n, String what) {
            return Eventually.await(what, hook::bodies, b -> b.size() >= n);
        }

        /** The events of the notices the webhook got, in order. */
        List<String> events() {
            return hook.bodies().stream().map(b -> b.getString("event")).toList();
        }

        FaultlineCli.Result cli(String... args) throws Exception {
            return FaultlineCli.runIn(stored.database, args);
        }

        @Override
        public void close() {
            hook.close();
        }
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

    @Test
    void severalJvmsLoggingTheSameNewErrorAtOnceSendExactlyOneNotice() throws Exception {
        try (Scenario s = new Scenario()) {
            atOnce(3, s.app("checkout").set("capture.level", "WARN"), "warn:slow:1", "fail:same:1", "fail:same:2");
            Document group = s.group(eq("count", 9L));
            s.group(and(eq("count", 3L), eq("severity", "WARNING")));
            s.bodies(1, "the new group's notice");
            List<Document> stored = s.notices(1);
            assertEquals(1, s.hook.bodies().size(),
                    "one notice for three JVMs, none for repeats nor for a new warning (the defaults' min_severity ERROR): " + s.hook.bodies());
            Document body = s.hook.bodies().get(0);
            assertEquals("new_group", body.getString("event"));
            assertEquals("default-new-group", body.getString("rule"));
            assertEquals(group.getString("_id"), body.getString("group"));
            assertEquals("checkout", body.getString("service"));
            assertEquals("prod", body.getString("environment"));
            assertEquals("ERROR", body.getString("severity"));
            assertTrue(body.getString("text").startsWith("New error in checkout (prod): "), body.getString("text"));
            assertEquals(1, stored.size(), stored.toString());
            Document notice = stored.get(0);
            assertEquals("sent", notice.getString("status"));
            assertEquals("webhook", notice.getString("channel"));
            assertEquals("default-new-group", notice.getString("rule"));
            assertEquals(group.getString("_id"), notice.getString("group"));
            assertEquals(body.getString("notice_id"), notice.getString("_id"));
        }
    }

    @Test
    void aResolvedGroupOccurringAgainInSeveralJvmsSendsOneRegressionNoticeAndAnOpenOneNone() throws Exception {
        try (Scenario s = new Scenario()) {
            AgentJvm setup = s.app("checkout");
            String fp = s.firstGroup(setup, "back");
            s.collection("error_groups").updateOne(eq("_id", fp), Updates.combine(
                    Updates.set("status", "resolved"), Updates.set("resolved_timestamp", new Date())));
            atOnce(2, setup, "fail:back:1");
            s.group(eq("count", 3L));
            atOnce(1, setup, "fail:back:1");
            s.group(eq("count", 4L));
            s.bodies(2, "the new group's and the regression's notices");
            assertEquals(List.of("new_group", "regression"), s.events(), "one regression for two JVMs, none while it is open");
            assertTrue(s.hook.bodies().get(1).getString("text").startsWith("Regression"));
            Document reopened = s.collection("error_groups").find().first();
            assertEquals("unresolved", reopened.getString("status"));
            assertEquals(1, reopened.getInteger("regressions"));
        }
    }

    @Test
    void aThresholdRuleAnnouncesTheTenthOccurrenceOnceAcrossJvmsAndReplacesTheDefaults() throws Exception {
        try (Scenario s = new Scenario().rule("spikes", "threshold", "min_severity", "ERROR", "threshold", 10L)) {
            atOnce(2, s.app("checkout"), "fail:spike:6");
            s.group(eq("count", 12L));
            s.bodies(1, "the threshold notice");
            s.notices(1);
            assertEquals(1, s.hook.bodies().size(), "the 10th occurrence once, no new-group notice: " + s.hook.bodies());
            Document body = s.hook.bodies().get(0);
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
        try (Scenario s = new Scenario().rule("weekly", "threshold", "threshold", 10L, "window", "7d")) {
            atOnce(2, s.app("checkout"), "fail:weekly:5", "fail:calm:4", "fail:weekly:5");
            Document group = s.group(eq("count", 20L));
            s.group(eq("count", 8L));
            Document windows = group.get("window_counts", Document.class);
            assertEquals(1, windows.size(), windows.toJson());
            String key = windows.keySet().iterator().next();
            assertTrue(key.startsWith("604800s_"), key);
            assertEquals(20L, windows.get(key, Number.class).longValue(), "the week's count");
            s.bodies(1, "the threshold notice");
            s.notices(1);
            assertEquals(1, s.hook.bodies().size(), "10 in the week once for two JVMs, not again at 20, none for 8: " + s.hook.bodies());
            Document body = s.hook.bodies().get(0);
            assertEquals(group.getString("_id"), body.getString("group"));
            assertEquals(10L, body.get("threshold", Number.class).longValue());
            assertEquals("7d", body.getString("window"));
            assertTrue(body.getString("text").startsWith("Error reached 10 occurrences within 7d in checkout (prod): "), body.getString("text"));
        }
    }

    @Test
    void slackGetsTheTextOfItsRuleAndAnotherServiceStaysQuiet() throws Exception {
        try (Scenario s = new Scenario().rule("checkout-to-slack", "new_group", "channels", List.of("slack"), "service", "checkout")) {
            atOnce(1, s.quiet("billing").set("notify.slack", s.hook.url()), "fail:elsewhere:1");
            atOnce(1, s.quiet("checkout").set("notify.slack", s.hook.url()), "fail:here:1");
            s.notices(1);
            s.bodies(1, "the slack notice");
            assertEquals(1, s.hook.bodies().size(), s.hook.bodies().toString());
            Document body = s.hook.bodies().get(0);
            assertEquals(List.of("text"), new ArrayList<>(body.keySet()), "Slack's incoming-webhook shape: " + body);
            assertTrue(body.getString("text").contains("checkout failed at step here"), body.getString("text"));
            assertEquals(1, s.collection("notices").countDocuments());
        }
    }

    /** The webhook answers 500; the Slack URL takes the connection (the kernel's backlog) and never answers. */
    @Test
    void aFailingOrHangingChannelIsStoredAsFailedCountedInHealthAndItsUrlNeverPrinted() throws Exception {
        try (Scenario s = new Scenario(500).rule("to-webhook", "new_group").rule("to-slack", "new_group", "channels", List.of("slack"));
                ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String slack = "http://127.0.0.1:" + hung.getLocalPort() + "/services/secret-token";
            List<AgentJvm.Result> runs = atOnce(1, s.app("checkout").set("notify.slack", slack), "fail:down:1");
            List<Document> notices = s.notices(2);
            Document webhook = notices.stream().filter(n -> "webhook".equals(n.getString("channel"))).findFirst().orElseThrow();
            assertEquals("failed", webhook.getString("status"));
            assertEquals("IOException: HTTP 500", webhook.getString("error"));
            Document hanging = notices.stream().filter(n -> "slack".equals(n.getString("channel"))).findFirst().orElseThrow();
            assertEquals("failed", hanging.getString("status"));
            assertEquals("SocketTimeoutException", hanging.getString("error"), "ended by the read timeout, not waited for");
            Document health = s.stored.await(s.stored.health(), eq("alerts_failed", 2L), 1).get(0);
            assertEquals(0L, health.getLong("alerts_sent"));
            assertFalse(runs.get(0).output().contains("secret-token"), "the webhook and Slack URLs (often secrets) are never printed");
            assertFalse(notices.toString().contains("secret-token"));
        }
    }

    private static long number(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0;
    }

    /**
     * The rate limit's windows are fixed (10 minutes from the epoch): a burst that happened to
     * straddle a window's end is two windows' worth, and the test is skipped (not failed).
     */
    private static void assumeOneWindow(Scenario s) {
        List<Document> windows = s.collection("notice_limits").find().into(new ArrayList<>());
        Assumptions.assumeTrue(windows.size() == 1, "the burst straddled the end of a rate-limit window: " + windows);
    }

    @Test
    void aBurstOfNewGroupsSendsTheChannelsLimitThenOneDigest() throws Exception {
        try (Scenario s = new Scenario()) {
            atOnce(1, s.app("checkout"), "groups:burst:13");
            assumeOneWindow(s);
            s.notices(11);
            List<Document> bodies = s.bodies(11, "ten notices and the digest");
            assertEquals(11, bodies.size(), bodies.toString());
            assertEquals(10, bodies.stream().filter(b -> "new_group".equals(b.getString("event"))).count());
            Document digest = bodies.get(10);
            assertEquals("digest", digest.getString("event"));
            assertEquals(3, digest.getInteger("groups"));
            assertEquals(3L, digest.get("occurrences", Number.class).longValue());
            assertEquals("And 3 more occurrences of 3 groups in the last 10 minutes (3 notices held back by the rate limit)",
                    digest.getString("text"));
            assertEquals(1, s.collection("notices").countDocuments(eq("event", "digest")));
        }
    }

    /** Each child logs 8 new groups of its own: 16 notices decided, 10 go out across both, one digest has the other 6. */
    @Test
    void theRateLimitHoldsAcrossJvmsAndOneDigestCarriesWhatAllOfThemHeldBack() throws Exception {
        try (Scenario s = new Scenario()) {
            atOnce(2, s.app("checkout"), () -> {
                s.groups(new Document(), 16);
                // Both children decided all their notices before either exits (an exiting JVM sends the digest it can).
                // Or the burst straddled a window's end: skipped below (assumeOneWindow), not waited for.
                Eventually.await("every notice decided", () -> s.collection("notice_limits").find().into(new ArrayList<>()),
                        ws -> ws.size() > 1 || ws.stream().mapToLong(w -> number(w, "sent") + number(w, "held_back")).sum() >= 16);
            }, "groups:pid:8");
            assumeOneWindow(s);
            s.notices(11);
            List<Document> bodies = s.bodies(11, "ten notices and the digest");
            assertEquals(11, bodies.size(), "10 for two JVMs, not 10 each: " + bodies);
            assertEquals(10, bodies.stream().filter(b -> "new_group".equals(b.getString("event"))).count());
            List<Document> digests = bodies.stream().filter(b -> "digest".equals(b.getString("event"))).toList();
            assertEquals(1, digests.size(), "one digest, sent by one of the JVMs");
            assertEquals("And 6 more occurrences of 6 groups in the last 10 minutes (6 notices held back by the rate limit)",
                    digests.get(0).getString("text"));
            assertEquals(1, s.collection("notices").countDocuments(eq("event", "digest")));
            Document window = s.collection("notice_limits").find().first();
            assertEquals(10, window.get("sent", Number.class).intValue());
            assertEquals(0, window.get("held_back", Number.class).intValue(), "taken by the digest");
        }
    }

    @Test
    void anIgnoredGroupSendsNothingWhereAnOpenOneCrossesTheThreshold() throws Exception {
        try (Scenario s = new Scenario().rule("fives", "threshold", "threshold", 5L)) {
            AgentJvm setup = s.app("checkout");
            atOnce(1, setup, "fail:muted:1", "fail:open:1");
            s.groups(new Document(), 2);
            s.collection("error_groups").updateOne(eq("_id", s.fingerprint("muted")), Updates.set("status", "ignored"));
            atOnce(1, setup, "fail:muted:9", "fail:open:9");
            s.groups(eq("count", 10L), 2);
            s.notices(1);
            s.bodies(1, "the open group's threshold notice");
            assertEquals(1, s.hook.bodies().size(), s.hook.bodies().toString());
            assertTrue(s.hook.bodies().get(0).getString("title").contains("open"), s.hook.bodies().toString());
        }
    }

    private static AgentJvm mailing(Scenario s, SmtpReceiver smtp) {
        s.rule("mail-new", "new_group", "channels", List.of("email"));
        return s.quiet("checkout").set("notify.smtp.host", "127.0.0.1").set("notify.smtp.port", String.valueOf(smtp.port()))
                .set("notify.smtp.from", "faultline@example.com").set("notify.smtp.to", "oncall@example.com,ann@example.com")
                .set("notify.smtp.username", "alerts").set("notify.smtp.password", "Sm7pS3cret");
    }

    @Test
    void emailGoesOverSmtpWithAuthAndThePasswordIsNeverPrinted() throws Exception {
        try (Scenario s = new Scenario(); SmtpReceiver smtp = new SmtpReceiver()) {
            List<AgentJvm.Result> runs = atOnce(2, mailing(s, smtp).set("notify.smtp.starttls", "false").set("debug", "true"),
                    "fail:mailed:1");
            Document notice = s.notices(1).get(0);
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
        try (Scenario s = new Scenario(); SmtpReceiver smtp = new SmtpReceiver()) {
            atOnce(1, mailing(s, smtp), "fail:unsafe:1");
            Document notice = s.notices(1).get(0);
            assertEquals("failed", notice.getString("status"));
            assertTrue(notice.getString("error").startsWith("IOException: SMTP server offers no STARTTLS"), notice.toJson());
            assertTrue(smtp.mails().isEmpty(), "nothing sent, no password over a plain connection");
            s.stored.await(s.stored.health(), eq("alerts_failed", 1L), 1);
        }
    }

    /**
     * Two groups: one snoozed for three more occurrences, one for two hours; "two hours later" is
     * the stored snooze's time moved into the past (the test does not wait for a clock).
     */
    @Test
    void aGroupSnoozedForThreeMoreOccurrencesOrUntilATimeStaysQuietThenReopensWithOneNotice() throws Exception {
        try (Scenario s = new Scenario()) {
            AgentJvm setup = s.app("checkout");
            atOnce(1, setup, "fail:napping:1", "fail:dozing:1");
            s.groups(new Document(), 2);
            String napping = s.fingerprint("napping");
            String dozing = s.fingerprint("dozing");
            FaultlineCli.Result snoozed = s.cli("snooze", napping.substring(0, 12), "--occurrences", "3");
            assertEquals(0, snoozed.exit(), snoozed.stderr());
            assertEquals("group " + napping + ": snoozed until its count reaches 4\n", snoozed.stdout());
            FaultlineCli.Result timed = s.cli("snooze", dozing, "--for", "2h");
            assertTrue(timed.stdout().startsWith("group " + dozing + ": snoozed until "), timed.stdout() + timed.stderr());
            atOnce(1, setup, "fail:napping:2", "fail:dozing:1");
            s.group(and(eq("_id", napping), eq("count", 3L), eq("status", "ignored")));
            s.group(and(eq("_id", dozing), eq("count", 2L), eq("status", "ignored")));
            Date past = new Date(System.currentTimeMillis() - 60_000);
            s.collection("error_groups").updateOne(eq("_id", dozing),
                    Updates.combine(Updates.set("snooze.until", past), Updates.set("snoozed_until", past)));
            atOnce(2, setup, "fail:napping:1", "fail:dozing:1");
            for (String fp : List.of(napping, dozing)) {
                Document reopened = s.group(and(eq("_id", fp), eq("count", fp.equals(napping) ? 5L : 4L)));
                assertEquals("unresolved", reopened.getString("status"));
                assertEquals(null, reopened.get("snooze"));
                assertEquals(null, reopened.get("snoozed_until"));
            }
            s.bodies(4, "each group's new-group and snooze-end notices");
            s.notices(4);
            for (String fp : List.of(napping, dozing)) {
                List<Document> bodies = s.hook.bodies().stream().filter(b -> fp.equals(b.getString("group"))).toList();
                assertEquals(List.of("new_group", "snooze_ended"), bodies.stream().map(b -> b.getString("event")).toList(),
                        "nothing while snoozed, one notice for two JVMs: " + s.hook.bodies());
                assertTrue(bodies.get(1).getString("text").startsWith("Snooze ended"), bodies.toString());
            }
        }
    }

    @Test
    void aGroupSnoozedUntilMoreThanThreeAnHourStaysQuietAtTwoThenReopensWithOneNotice() throws Exception {
        try (Scenario s = new Scenario()) {
            AgentJvm setup = s.app("checkout");
            String fp = s.firstGroup(setup, "hourly");
            FaultlineCli.Result snoozed = s.cli("snooze", fp, "--rate-per-hour", "3");
            assertEquals("group " + fp + ": snoozed until more than 3 occurrences in an hour\n", snoozed.stdout(), snoozed.stderr());
            atOnce(1, setup, "fail:hourly:2");
            s.group(and(eq("count", 3L), eq("status", "ignored")));
            // Six more: more than 3 in the hour, whichever side of an hour's end they fall.
            atOnce(3, setup, "fail:hourly:2");
            Document reopened = s.group(eq("count", 9L));
            assertEquals("unresolved", reopened.getString("status"));
            assertEquals(null, reopened.get("snooze"));
            s.bodies(2, "the new group's and the snooze's end notices");
            assertEquals(List.of("new_group", "snooze_ended"), s.events(), "nothing at 2 an hour, one notice for three JVMs past 3");
        }
    }

    @Test
    void anAssignedGroupsRegressionNoticeNamesTheAssigneeAndCommentsAreKept() throws Exception {
        try (Scenario s = new Scenario()) {
            AgentJvm setup = s.app("checkout");
            String fp = s.firstGroup(setup, "owned");
            FaultlineCli.Result assigned = s.cli("assign", fp, "--to", "ann");
            assertEquals("group " + fp + ": assigned to ann\n", assigned.stdout(), assigned.stderr());
            FaultlineCli.Result commented = s.cli("comment", fp, "--by", "bob", "--text", "gateway flaps at night");
            assertEquals(0, commented.exit(), commented.stderr());
            assertEquals(0, s.cli("resolve", fp, "--by", "ann").exit());
            atOnce(1, setup, "fail:owned:1");
            List<Document> bodies = s.bodies(2, "the regression notice");
            Document regression = bodies.get(1);
            assertEquals("regression", regression.getString("event"));
            assertEquals("ann", regression.getString("assignee"));
            assertTrue(regression.getString("text").endsWith(" - assigned to ann"), regression.getString("text"));
            assertEquals(null, bodies.get(0).getString("assignee"), "the new group had no assignee yet");
            Document group = s.collection("error_groups").find(eq("_id", fp)).first();
            List<Document> comments = group.getList("comments", Document.class);
            assertEquals(1, comments.size());
            assertEquals("bob", comments.get(0).getString("by"));
            assertEquals("gateway flaps at night", comments.get(0).getString("text"));
            FaultlineCli.Result shown = s.cli("group", fp);
            assertTrue(shown.stdout().contains("assignee     ann"), shown.stdout());
            assertTrue(shown.stdout().matches("(?s).*\ncomments\n  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  bob: gateway flaps at night\n.*"),
                    "the CLI shows the comments: " + shown.stdout());
        }
    }

    @Test
    void aGroupResolvedInReleaseTwoStaysResolvedForAnOldReleaseAndRegressesOnceForTwo() throws Exception {
        try (Scenario s = new Scenario()) {
            AgentJvm old = s.app("checkout", "1.9.0");
            String fp = s.firstGroup(old, "shipped");
            FaultlineCli.Result resolved = s.cli("resolve", fp, "--in-release", "2.0.0", "--by", "ann");
            assertEquals(0, resolved.exit(), resolved.stderr());
            assertTrue(resolved.stdout().startsWith("group " + fp + ": resolved by ann in release 2.0.0 ("), resolved.stdout());
            atOnce(1, old, "fail:shipped:1");
            Document still = s.group(eq("count", 2L));
            assertEquals("resolved", still.getString("status"), "an occurrence from 1.9.0 does not reopen it");
            assertEquals("2.0.0", still.getString("resolved_in_release"));
            FaultlineCli.Result shown = s.cli("group", fp);
            assertTrue(shown.stdout().contains("\nresolved in  release 2.0.0\n"), shown.stdout());
            atOnce(2, s.app("checkout", "2.0.0"), "fail:shipped:1");
            Document reopened = s.group(eq("count", 4L));
            assertEquals("unresolved", reopened.getString("status"));
            assertEquals(1, reopened.getInteger("regressions"));
            assertEquals(null, reopened.get("resolved_in_release"));
            List<Document> bodies = s.bodies(2, "the new group's and the regression's notices");
            assertEquals(List.of("new_group", "regression"), s.events(), "none for 1.9.0, one for two JVMs of 2.0.0");
            assertEquals("2.0.0", bodies.get(1).getString("release"));
        }
    }

    @Test
    void aGroupResolvedInTheNextReleaseStaysResolvedForTheNewestSeenAndRegressesForANewerOne() throws Exception {
        try (Scenario s = new Scenario()) {
            AgentJvm current = s.app("checkout", "1.10.0");
            String fp = s.firstGroup(current, "next");
            atOnce(1, s.quiet("checkout").set("release", "1.9.2"), "fail:other:1");
            s.groups(new Document(), 2);
            try (ConsoleServer server = ConsoleServer.start(s.stored.database)) {
                Http http = new Http(server.base);
                assertEquals(400, http.post("/api/error-groups/" + fp + "/resolve/",
                        "{\"in_next_release\": true, \"in_release\": \"2.0.0\"}").status(), "one of the two");
                Http.Answer r = http.post("/api/error-groups/" + fp + "/resolve/", "{\"in_next_release\": true}");
                assertEquals(200, r.status(), r.body());
                assertEquals("1.10.0", r.json().getString("resolved_after_release"), "the newest version, not the latest occurrence's");
            }
            atOnce(1, current, "fail:next:1");
            Document still = s.group(and(eq("_id", fp), eq("count", 2L)));
            assertEquals("resolved", still.getString("status"), "the newest release seen (1.10.0, not 1.9.2) does not reopen it");
            atOnce(1, s.app("checkout", "1.10.1"), "fail:next:1");
            Document reopened = s.group(and(eq("_id", fp), eq("count", 3L)));
            assertEquals("unresolved", reopened.getString("status"));
            s.bodies(2, "the new group's and the regression's notices");
            assertEquals(List.of("new_group", "regression"), s.events());
        }
    }

    @Test
    void aNewReleaseRuleAnnouncesAGroupSeenInANewReleaseOnceAcrossJvmsAndNotAReleaseSeenBeforeNorPastTheHundredth() throws Exception {
        try (Scenario s = new Scenario().rule("releases", "new_release", "min_severity", "ERROR")) {
            AgentJvm old = s.app("checkout", "1.0.0");
            String fp = s.firstGroup(old, "rollout");
            atOnce(1, old, "fail:rollout:1");
            s.group(eq("count", 2L));
            atOnce(2, s.app("checkout", "1.1.0"), "fail:rollout:1");
            Document group = s.group(eq("count", 4L));
            assertEquals(List.of("1.0.0", "1.1.0"), group.getList("releases", String.class));
            s.bodies(1, "the new release's notice");
            s.notices(1);
            assertEquals(1, s.hook.bodies().size(), "none when created or for 1.0.0 again, one for two JVMs of 1.1.0: " + s.hook.bodies());
            Document body = s.hook.bodies().get(0);
            assertEquals("new_release", body.getString("event"));
            assertEquals(fp, body.getString("group"));
            assertEquals("1.1.0", body.getString("release"));
            assertTrue(body.getString("text").startsWith("Error seen in a new release (1.1.0) in checkout (prod): "), body.getString("text"));

            List<String> hundred = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                hundred.add("c" + i);
            }
            s.collection("error_groups").updateOne(eq("_id", fp), Updates.set("releases", hundred));
            atOnce(1, s.app("checkout", "3f2a9c1"), "fail:rollout:1");
            Document full = s.group(eq("count", 5L));
            assertEquals(hundred, full.getList("releases", String.class), "the first 100 releases are kept, no more");
            assertEquals(1, s.collection("notices").countDocuments(), "a release past the 100th is not announced");
        }
    }
}
