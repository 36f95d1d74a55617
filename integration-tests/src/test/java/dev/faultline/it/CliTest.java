package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code java -jar faultline-agent.jar <command>} as a person runs it: tables, JSON, exit codes. */
class CliTest {
    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String USAGE = "usage: java -jar faultline-agent.jar ";
    private static String database;
    private static MongoDatabase db;
    /** Commands that change documents work in a database of their own, so that lists above stay exact. */
    private static String changesDatabase;
    private static MongoDatabase changes;
    private static Document payment;
    private static Document refund;
    private static Document escape;

    @BeforeAll
    static void seed() {
        database = TestDatabase.seeded();
        db = MongoSource.get().client().getDatabase(database);
        payment = Seed.occurrence("payment failed for order 1001", T0.minus(10, ChronoUnit.MINUTES)).append("app", "billing")
                .append("job_id", "job-7").append("context", new Document("order_id", "1001").append("user_id", "u-3"))
                .append("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736").append("span_id", "00f067aa0ba902b7");
        refund = Seed.occurrence("refund rejected", T0.minus(2, ChronoUnit.DAYS)).append("app", "billing").append("severity", "WARNING")
                .append("severity_num", 30).append("fingerprint", Seed.fingerprint("refund")).append("file", "com/acme/Refund.java")
                .append("function", "refund").append("line", 77).append("service", "refunds").append("environment", "staging")
                .append("release", "2.1").append("host", "box-9").append("thread", "worker-2").append("logger", "com.acme.Refund")
                .append("context", new Document("tenant", "acme").append("a_b", "dotted").append("_where", "escaped"))
                .append("exception", new Document("type", "java.lang.IllegalArgumentException").append("causes",
                        List.of(new Document("type", "java.sql.SQLException"))));
        escape = Seed.occurrence("\u001b[2J\u001b[31mowned\u0007 terminal", T0.minus(3, ChronoUnit.DAYS)).append("app", "term")
                .append("fingerprint", Seed.fingerprint("terminal"));
        db.getCollection("app_errors").insertMany(List.of(payment, refund, escape));
        db.getCollection("error_groups").insertMany(List.of(
                Seed.group(Seed.fingerprint("default"), "payment failed", T0.minus(1, ChronoUnit.DAYS), T0.minus(10, ChronoUnit.MINUTES), 12),
                Seed.group(Seed.fingerprint("refund"), "refund rejected", T0.minus(2, ChronoUnit.DAYS), T0.minus(2, ChronoUnit.DAYS), 1)
                        .append("app", "billing"),
                Seed.group("abcdef0001", "twin one", T0, T0, 1).append("app", "twins"),
                Seed.group("abcdef0002", "twin two", T0, T0, 1).append("app", "twins")));
        db.getCollection("error_codes").insertMany(List.of(Seed.codeEpisode("disk_full_m1", true, T0.minus(1, ChronoUnit.MINUTES)),
                Seed.codeEpisode("disk_full_m1", false, T0.minus(1, ChronoUnit.DAYS)),
                Seed.codeEpisode("queue_stuck_m2", false, T0.minus(2, ChronoUnit.HOURS))));
        db.getCollection("agent_health").insertOne(Seed.health("shop-service", T0));
        changesDatabase = TestDatabase.seeded();
        changes = MongoSource.get().client().getDatabase(changesDatabase);
    }

    private static FaultlineCli.Result cli(String... args) throws Exception {
        return cliOn(database, args);
    }

    private static FaultlineCli.Result cliOn(String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--uri", MongoSource.get().uri, "--database", name));
        return FaultlineCli.run(all.toArray(new String[0]));
    }

    private static void assertNoStackTrace(FaultlineCli.Result r) {
        assertFalse(r.output().contains("\tat ") || r.output().contains("Exception in thread"), r.output());
    }

    private static void assertUsageError(FaultlineCli.Result r, String command, String problem) {
        assertEquals(2, r.exit(), r.output());
        List<String> lines = r.stderr().lines().toList();
        assertEquals(2, lines.size(), r.stderr());
        assertTrue(lines.get(0).startsWith("faultline: ") && lines.get(0).contains(problem), lines.get(0));
        assertTrue(lines.get(1).startsWith(USAGE + command), lines.get(1));
        assertEquals("", r.stdout());
        assertNoStackTrace(r);
    }

    @Test
    void versionPrintsTheAgentVersion() throws Exception {
        FaultlineCli.Result r = FaultlineCli.run("version");
        assertEquals(0, r.exit());
        assertTrue(r.stdout().matches("faultline \\d+\\.\\d+\\.\\d+(-SNAPSHOT\\+\\d{8}T\\d{4}Z)?\\R"), r.stdout());
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        FaultlineCli.Result r = FaultlineCli.run("help");
        assertEquals(0, r.exit());
        for (String c : List.of("errors", "error", "groups", "group", "resolve", "unresolve", "ignore", "snooze", "codes", "alerts", "notices", "health", "serve", "attach", "version")) {
            assertTrue(r.stdout().contains("\n  " + c + " "), c + " missing from " + r.stdout());
        }
        FaultlineCli.Result one = FaultlineCli.run("help", "codes");
        assertTrue(one.stdout().startsWith(USAGE + "codes [--active] [--code X] [--limit 100]"), one.stdout());
    }

    @Test
    void errorsPrintsAnAlignedTableNewestFirst() throws Exception {
        FaultlineCli.Result r = cli("errors");
        assertEquals(0, r.exit(), r.output());
        List<String> lines = r.stdout().lines().toList();
        String header = lines.get(0);
        assertTrue(header.startsWith("ID ") && header.contains("SEVERITY") && header.contains("MESSAGE"), header);
        assertEquals(payment.getString("_id"), lines.get(1).substring(0, 36));
        assertEquals(refund.getString("_id"), lines.get(2).substring(0, 36));
        for (String column : List.of("TIME (UTC)", "SEVERITY", "APP", "WHERE", "MESSAGE")) {
            int at = header.indexOf(column);
            for (String row : lines.subList(1, 4)) {
                assertTrue(at > 0 && row.charAt(at - 1) == ' ' && row.charAt(at) != ' ', column + " not aligned in\n" + r.stdout());
            }
        }
        assertTrue(lines.get(2).contains("Refund.java:77 refund"), lines.get(2));
        assertEquals("1-3 of 3 occurrences", lines.get(lines.size() - 1));
    }

    @Test
    void errorsJsonIsTheDocumentsWithIsoDates() throws Exception {
        FaultlineCli.Result r = cli("errors", "--json", "--app", "billing");
        assertEquals(0, r.exit(), r.output());
        Document page = Document.parse(r.stdout());
        assertEquals(2, ((Number) page.get("count")).intValue());
        Document first = page.getList("results", Document.class).get(0);
        assertEquals(payment.getString("_id"), first.getString("_id"));
        assertEquals(payment.getDate("timestamp").toInstant(), Instant.parse(first.getString("timestamp")));
        assertEquals("1001", first.get("context", Document.class).getString("order_id"));
    }

    @Test
    void errorsTakesEveryFilterAsAnOption() throws Exception {
        assertEquals(List.of(refund.getString("_id")), ids("--min-severity", "WARNING", "--max-severity", "WARNING"));
        assertEquals(List.of(refund.getString("_id")), ids("--severity", "30"));
        assertEquals(List.of(payment.getString("_id")), ids("--since", "1h"));
        assertEquals(List.of(payment.getString("_id")), ids("--job", "job-7"));
        assertEquals(List.of(refund.getString("_id")), ids("--search", "REFUND"));
        assertEquals(List.of(refund.getString("_id")), ids("--function", "refund", "--file", "com/acme/Refund.java"));
        assertEquals(List.of(escape.getString("_id")), ids("--app-contains", "ER"));
        assertEquals(List.of(escape.getString("_id")), ids("--until", T0.minus(60, ChronoUnit.HOURS).toString()));
        assertEquals(List.of(refund.getString("_id"), payment.getString("_id")), ids("--app", "billing", "--order", "timestamp"));
        assertEquals(List.of(refund.getString("_id")), ids("--fingerprint", Seed.fingerprint("refund")));
        assertEquals(List.of(refund.getString("_id")), ids("--fingerprint", Seed.fingerprint("refund").substring(0, 12)),
                "the 12 characters groups shows, as the group commands take them");
        assertEquals(3, ids("--resolved", "false").size());
        assertEquals(List.of(), ids("--resolved", "true"));
        FaultlineCli.Result count = cli("errors", "--count", "--app", "billing");
        assertEquals("2", count.stdout().trim());
        FaultlineCli.Result limited = cli("errors", "--limit", "1");
        assertTrue(limited.stdout().trim().endsWith("1-1 of 3 occurrences; next: --page 2"), limited.stdout());
        assertTrue(cli("errors", "--limit", "1", "--page", "3").stdout().contains(escape.getString("_id")));
    }

    @Test
    void errorsTakesTheContextAndWhereItRanFiltersAsOptions() throws Exception {
        // Each option's parameter is checked in ErrorsCommandTest; here they reach MongoDB together.
        List<String> refundOnly = List.of(refund.getString("_id"));
        assertEquals(refundOnly, ids("--service", "refunds", "--environment", "staging", "--release", "2.1", "--host", "box-9",
                "--thread", "worker-2", "--logger", "com.acme.Refund", "--context", "tenant=acme", "--exception-type", "java.sql.SQLException"));
        assertEquals(List.of(payment.getString("_id")), ids("--trace-id", "4bf92f3577b34da6a3ce929d0e0e4736", "--exception-type",
                "java.lang.IllegalStateException"));
        assertEquals(List.of(), ids("--context", "tenant=acm", "--host", "box-9"), "exact, not contains");
    }

    @Test
    void contextOptionKeysAreMatchedAsStoredNeverAsPathsOrOperators() throws Exception {
        List<String> refundOnly = List.of(refund.getString("_id"));
        assertEquals(refundOnly, ids("--context", "a.b=dotted"), "a dotted key is the key the agent stored, a_b");
        assertEquals(refundOnly, ids("--context", "$where=escaped"), "'$' is stored as '_', never an operator");
        assertEquals(List.of(), ids("--context", "tenant={\"$ne\": null}", "--host", "{\"$gt\": \"\"}"), "operator-looking values are literals");
        assertUsageError(cli("errors", "--context", "tenant"), "errors", "--context takes KEY=VALUE");
    }

    private static List<String> ids(String... filters) throws Exception {
        return results("errors", "_id", filters);
    }

    /** One field of each result of {@code <command> --json <options>}. */
    private static List<String> results(String command, String field, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(command, "--json"));
        args.addAll(List.of(options));
        FaultlineCli.Result r = cli(args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.output());
        return Document.parse(r.stdout()).getList("results", Document.class).stream().map(d -> d.getString(field)).toList();
    }

    @Test
    void badArgumentsExitTwoWithOneUsageLineAndNoStackTrace() throws Exception {
        assertUsageError(cli("errors", "--colour", "red"), "errors", "unknown option --colour");
        assertUsageError(cli("errors", "--min-severity", "LOUD"), "errors", "invalid --min-severity: expected CRITICAL, ERROR");
        assertUsageError(cli("errors", "--since", "yesterday"), "errors", "invalid --since");
        assertUsageError(cli("errors", "--limit", "500"), "errors", "invalid --limit: expected a whole number from 1 to 200");
        assertUsageError(cli("errors", "--resolved", "perhaps"), "errors", "invalid --resolved");
        assertUsageError(cli("errors", "--order", "message"), "errors", "invalid --order");
        assertUsageError(cli("groups", "--status", "open"), "groups", "invalid --status");
        assertUsageError(cli("codes", "--limit", "0"), "codes", "invalid --limit");
        assertUsageError(cli("error"), "error", "missing argument");
        assertUsageError(cli("resolve", "a", "b"), "resolve", "too many arguments");
        assertUsageError(cli("serve", "--port", "99999"), "serve", "--port");
        assertUsageError(cli("ignore", "x", "--by", "ann"), "ignore", "unknown option --by");
        FaultlineCli.Result unknown = FaultlineCli.run("frobnicate");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.stderr().startsWith("faultline: unknown command \"frobnicate\"\n" + USAGE), unknown.stderr());
    }

    @Test
    void noServerIsAShortMessageAndExitOneWithoutWaitingThirtySecondsOrShowingThePassword() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        // The deadline is a bound only a driver-default 30 s wait would break, not a speed assertion.
        FaultlineCli.Result r = FaultlineCli.run(Duration.ofSeconds(20), "errors", "--uri",
                "mongodb://ops:s3cretPw0rd@127.0.0.1:" + closed + "/", "--database", "x");
        assertEquals(1, r.exit(), r.output());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertTrue(r.stderr().startsWith("faultline: cannot reach MongoDB"), r.stderr());
        assertTrue(r.stderr().contains("ops:<hidden>@127.0.0.1:" + closed), r.stderr());
        assertFalse(r.output().contains("s3cretPw0rd"));
        assertNoStackTrace(r);
        FaultlineCli.Result badUri = FaultlineCli.run("errors", "--uri", "postgres://ops:s3cretPw0rd@db/");
        assertEquals(2, badUri.exit(), badUri.output());
        assertFalse(badUri.output().contains("s3cretPw0rd"), badUri.output());
    }

    @Test
    void errorShowsTheWholeRecordWithStackTraceTraceIdsAndContextAndAcceptsAnIdPrefix() throws Exception {
        FaultlineCli.Result r = cli("error", payment.getString("_id").substring(0, 8));
        assertEquals(0, r.exit(), r.output());
        String out = r.stdout();
        assertTrue(out.contains("id           " + payment.getString("_id")), out);
        assertTrue(out.contains("\nmessage\n  payment failed for order 1001\n"), out);
        assertTrue(out.contains("\nstack trace\n  java.lang.IllegalStateException: card declined\n  \tat com.example.billing.PaymentGateway.charge(PaymentGateway.java:13)"), out);
        assertTrue(out.contains("\ncontext\n  order_id = 1001\n  user_id = u-3"), out);
        assertTrue(out.contains("job_id       job-7"), out);
        assertTrue(out.contains("trace_id     4bf92f3577b34da6a3ce929d0e0e4736\nspan_id      00f067aa0ba902b7\n"), out);
        assertFalse(cli("error", refund.getString("_id")).stdout().contains("trace_id"), "no trace line outside a span");
        FaultlineCli.Result json = cli("error", payment.getString("_id"), "--json");
        assertEquals(payment.getString("_id"), Document.parse(json.stdout()).getString("_id"));
        FaultlineCli.Result missing = cli("error", UUID.randomUUID().toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.stderr().startsWith("faultline: no occurrence "), missing.stderr());
    }

    @Test
    void terminalControlSequencesFromTheDatabaseNeverReachTheTerminal() throws Exception {
        for (FaultlineCli.Result r : List.of(cli("errors", "--app", "term"), cli("error", escape.getString("_id")))) {
            assertEquals(0, r.exit(), r.output());
            assertFalse(r.stdout().contains("\u001b") || r.stdout().contains("\u0007"), r.stdout());
            assertTrue(r.stdout().contains("?[2J?[31mowned? terminal"), r.stdout());
        }
    }

    @Test
    void resolveAndUnresolveAnOccurrence() throws Exception {
        Document d = Seed.occurrence("to resolve from the cli", T0).append("app", "cli-resolve");
        changes.getCollection("app_errors").insertOne(d);
        FaultlineCli.Result r = cliOn(changesDatabase, "resolve", d.getString("_id"), "--by", "ann");
        assertEquals(0, r.exit(), r.output());
        assertEquals("occurrence " + d.getString("_id") + ": resolved by ann", r.stdout().trim());
        Document stored = changes.getCollection("app_errors").find(eq("_id", d.getString("_id"))).first();
        assertEquals(true, stored.getBoolean("resolved"));
        assertEquals("ann", stored.getString("resolved_by"));
        assertTrue(stored.getDate("resolved_timestamp") != null);
        FaultlineCli.Result undo = cliOn(changesDatabase, "unresolve", d.getString("_id"), "--json");
        assertEquals("unresolved", Document.parse(undo.stdout()).getString("status"));
        stored = changes.getCollection("app_errors").find(eq("_id", d.getString("_id"))).first();
        assertEquals(false, stored.getBoolean("resolved"));
        assertNull(stored.get("resolved_by"));
        assertNull(stored.get("resolved_timestamp"));
    }

    @Test
    void resolveAGroupByItsShownPrefixResolvesItsOccurrencesAndIgnoreAndUnresolveChangeItsStatus() throws Exception {
        String fp = Seed.fingerprint("cli group " + UUID.randomUUID());
        changes.getCollection("error_groups").insertOne(Seed.group(fp, "cli group", T0, T0, 2).append("app", "cli-group"));
        changes.getCollection("app_errors").insertMany(List.of(Seed.occurrence("g1", T0).append("fingerprint", fp),
                Seed.occurrence("g2", T0).append("fingerprint", fp)));
        FaultlineCli.Result listed = cliOn(changesDatabase, "groups", "--app", "cli-group");
        assertTrue(listed.stdout().lines().toList().get(1).startsWith(fp.substring(0, 12) + "  unresolved  2"), listed.stdout());

        FaultlineCli.Result r = cliOn(changesDatabase, "resolve", fp.substring(0, 12), "--by", "ann");
        assertEquals(0, r.exit(), r.output());
        assertEquals("group " + fp + ": resolved by ann (2 occurrences marked resolved)", r.stdout().trim());
        assertEquals(2, changes.getCollection("app_errors").countDocuments(new Document("fingerprint", fp).append("resolved", true)));
        assertEquals("resolved", changes.getCollection("error_groups").find(eq("_id", fp)).first().getString("status"));

        assertEquals(0, cliOn(changesDatabase, "ignore", fp).exit());
        assertEquals("ignored", changes.getCollection("error_groups").find(eq("_id", fp)).first().getString("status"));
        assertEquals(0, cliOn(changesDatabase, "unresolve", fp).exit());
        Document group = changes.getCollection("error_groups").find(eq("_id", fp)).first();
        assertEquals("unresolved", group.getString("status"));
        assertNull(group.get("resolved_by"));
    }

    @Test
    void anAmbiguousOrUnknownIdIsNotGuessed() throws Exception {
        assertUsageError(cli("resolve", "abcdef00"), "resolve", "matches more than one group");
        assertEquals("unresolved", db.getCollection("error_groups").find(eq("_id", "abcdef0001")).first().getString("status"));
        FaultlineCli.Result missing = cli("resolve", "0123456789abcdef");
        assertEquals(1, missing.exit());
        assertEquals("faultline: no occurrence or group 0123456789abcdef", missing.stderr().trim());
        assertEquals(1, cli("ignore", UUID.randomUUID().toString()).exit());
    }

    @Test
    void groupShowsTheGroupAndItsLatestOccurrences() throws Exception {
        FaultlineCli.Result r = cli("group", Seed.fingerprint("refund").substring(0, 10));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.stdout().contains("title        refund rejected"), r.stdout());
        assertTrue(r.stdout().contains("latest occurrences\nID "), r.stdout());
        assertTrue(r.stdout().contains(refund.getString("_id")), r.stdout());
        assertTrue(r.stdout().contains("top values in the latest 1 occurrences\n"), r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("  context.tenant ") && l.endsWith(" acme (1)")),
                "which tenants: " + r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("  host ") && l.endsWith(" box-9 (1)")), "which hosts: " + r.stdout());
        Document json = Document.parse(cli("group", Seed.fingerprint("refund"), "--json").stdout());
        assertEquals(1, json.getList("occurrences", Document.class).size());
        assertEquals(14, json.getList("trend", Integer.class).size());
    }

    @Test
    void codesListsEpisodesNewestFirstFilteredByCodeActiveAndLimit() throws Exception {
        FaultlineCli.Result r = cli("codes");
        assertEquals(0, r.exit(), r.output());
        List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.get(0).startsWith("CODE "), r.stdout());
        assertTrue(lines.get(1).startsWith("disk_full_m1") && lines.get(1).contains(" yes "), r.stdout());
        assertTrue(lines.get(0).contains(" SERVICE ") && lines.get(1).contains(" shop-service ") && lines.get(1).contains(" node-1 "),
                "the episode's source, not only its machine: " + r.stdout());
        assertTrue(lines.get(2).startsWith("queue_stuck_m2") && lines.get(2).contains("cleared after"), r.stdout());
        assertTrue(lines.get(3).startsWith("disk_full_m1") && lines.get(3).contains(" no "), r.stdout());
        assertEquals(1, codes("--active").size());
        assertEquals(2, codes("--code", "disk_full_m1").size());
        assertEquals(List.of("disk_full_m1"), codes("--limit", "1"));
        assertEquals(List.of("disk_full_m1"), codes("--code", "disk_full_m1", "--active"));
    }

    private static List<String> codes(String... options) throws Exception {
        return results("codes", "code", options);
    }

    @Test
    void healthListsReportingAgents() throws Exception {
        FaultlineCli.Result r = cli("health");
        assertEquals(0, r.exit(), r.output());
        List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.get(0).startsWith("SERVICE ") && lines.get(0).contains("DROPPED"), r.stdout());
        assertTrue(lines.get(1).startsWith("shop-service ") && lines.get(1).contains("connected"), r.stdout());
    }

    /** A user's trial: a killed JVM's row read as a live one (it reports every 10 s while it runs). */
    @Test
    void healthSaysHowLongAJvmThatDidNotExitHasBeenSilent() throws Exception {
        String seeded = TestDatabase.seeded();
        MongoSource.get().client().getDatabase(seeded).getCollection("agent_health").insertOne(
                Seed.health("killed-service", java.time.Instant.now().minusSeconds(600)).append("mongo_state", "unreachable"));
        FaultlineCli.Result r = FaultlineCli.runIn(seeded, "health");
        assertEquals(0, r.exit(), r.output());
        String row = r.stdout().lines().filter(l -> l.startsWith("killed-service ")).findFirst().orElseThrow();
        assertTrue(row.matches(".*unreachable, silent 1[01]m.*"), row);
    }

    @Test
    void healthShowsWhatWasSpooledReplayedLostAtExitGroupCountsLostAndEachReasonForWhatWasDropped() throws Exception {
        String seeded = TestDatabase.seeded();
        MongoSource.get().client().getDatabase(seeded).getCollection("agent_health").insertOne(
                Seed.health("billing", java.time.Instant.now()).append("spooled", 7L).append("replayed", 40L)
                        .append("dropped", new Document("queue_full", 3L).append("spool_full", 0L).append("spool_unwritable", 5L))
                        .append("dropped_total", 8L).append("lost_at_exit", 2L).append("group_counts_lost", 4L).append("not_recorded", 3L)
                        .append("ended_at", java.util.Date.from(java.time.Instant.parse("2026-11-30T10:15:30Z")))
                        .append("last_write_error", "com.mongodb.MongoTimeoutException: timed out")
                        .append("last_write_error_at", java.util.Date.from(java.time.Instant.parse("2026-11-30T09:02:03Z"))));
        FaultlineCli.Result r = FaultlineCli.runIn(seeded, "health");
        assertEquals(0, r.exit(), r.output());
        List<String> lines = r.stdout().lines().toList();
        // A column starts where its name starts in the header line.
        java.util.function.Function<String, String> cell = name -> lines.get(1).substring(lines.get(0).indexOf(name)).split(" {2,}")[0];
        assertEquals("7", cell.apply("SPOOLED"), r.stdout());
        assertEquals("40", cell.apply("REPLAYED"));
        assertEquals("8", cell.apply("DROPPED"));
        assertEquals("queue_full=3 spool_unwritable=5", cell.apply("DROPPED BY REASON"), "reasons with a count, in order");
        assertEquals("2", cell.apply("LOST AT EXIT"));
        assertEquals("4", cell.apply("GROUP COUNTS LOST"), "stored occurrences a refused group update did not count");
        assertEquals("3", cell.apply("NOT RECORDED"), "the columns add up to captured");
        assertEquals("2026-11-30 10:15:30", cell.apply("ENDED (UTC)"), "the JVM exited then");
        assertEquals("connected", cell.apply("MONGODB"), "an exited JVM is not silent");
        assertTrue(lines.get(1).contains("2026-11-30 09:02:03 com.mongodb.MongoTimeoutException: timed out"),
                "the last write error with its time: one from before a recovery is not read as current\n" + r.stdout());
    }

    @Test
    void settingsComeFromFaultlineSystemPropertiesWhenNoOptionIsGiven() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfaultline.mongo.uri=" + MongoSource.get().uri, "-Dfaultline.mongo.database=" + database,
                "-jar", AgentJvm.agentJar().toAbsolutePath().toString(), "errors", "--count")).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("FAULTLINE_"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(Integer.parseInt(out.trim()) >= 3, out);
    }

    @Test
    void listsWhatARealAgentRecorded() throws Exception {
        Stored stored = Stored.fresh();
        AgentJvm.Result run = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.shop.ShopApp").libs("logback15")
                .storingIn(MongoSource.get().uri, stored.database).set("app-packages", "com.example").run();
        assertEquals(0, run.exit(), run.output());
        stored.await(stored.errors(), new Document(), 3);
        FaultlineCli.Result list = FaultlineCli.run("errors", "--json", "--search", "payment failed", "--uri", MongoSource.get().uri,
                "--database", stored.database);
        List<Document> found = Document.parse(list.stdout()).getList("results", Document.class);
        assertEquals(1, found.size(), list.stdout());
        FaultlineCli.Result one = FaultlineCli.run("error", found.get(0).getString("_id"), "--uri", MongoSource.get().uri,
                "--database", stored.database);
        assertEquals(0, one.exit(), one.output());
        assertTrue(one.stdout().contains("Caused by: java.io.IOException: gateway timeout after 3000 ms"), one.stdout());
        assertTrue(one.stdout().contains("job_id       job-7"), one.stdout());
    }
}
