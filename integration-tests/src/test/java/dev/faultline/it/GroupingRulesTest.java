package dev.faultline.it;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Grouping rules in real child JVMs (UpstreamApp: one ConnectException from one line, against
 * the upstream hosts given as arguments, in the MDC as {@code upstream_host}): with a rule on
 * {@code context.upstream_host}, from configuration or stored with the CLI, one group per host;
 * without, one group.
 */
class GroupingRulesTest {
    private static final String PER_HOST = "per-host: type=java.net.ConnectException -> type + context.upstream_host";

    private final Stored stored = Stored.fresh();

    @Test
    void withoutARuleBothHostsAreOneGroup() throws Exception {
        run(null);
        Map<String, String> groups = fingerprintsByHost();
        assertEquals(groups.get("a.example"), groups.get("b.example"));
        awaitGroupCount(groups.get("a.example"), 2);
        assertEquals(0, stored.collection("agent_health").countDocuments(new Document("grouping_rules", new Document("$exists", true))),
                "no configured rules reported");
    }

    @Test
    void configuredRuleMakesOneGroupPerUpstreamHost() throws Exception {
        run(PER_HOST);
        Map<String, String> groups = fingerprintsByHost();
        assertNotEquals(groups.get("a.example"), groups.get("b.example"));
        awaitGroupCount(groups.get("a.example"), 1);
        awaitGroupCount(groups.get("b.example"), 1);
        assertEquals("java.net.ConnectException", group(groups.get("a.example")).getString("exception_type"));
        assertEquals(PER_HOST, stored.collection("agent_health").find().first().getString("grouping_rules"),
                "the health report carries the configured rules, for the console");
        assertNull(stored.collection("agent_health").find().first().get("grouping_rules_skipped"), "no rule was skipped");
    }

    @Test
    void ruleWhoseRegularExpressionBacktracksIsSkippedCountedAndTheNextRuleStillApplies() throws Exception {
        // (.*.){16}! reads millions of characters of "upstream call failed" before it gives up:
        // more than a rule may read of one record (GroupingRule.MAX_READS).
        run("slow: message=(.*.){16}! -> message; " + PER_HOST);
        Map<String, String> groups = fingerprintsByHost();
        assertNotEquals(groups.get("a.example"), groups.get("b.example"), "the per-host rule after it applied");
        awaitGroupCount(groups.get("a.example"), 1);
        Eventually.await("both records counted as skipped by rule slow", () -> {
            Document health = stored.collection("agent_health").find().first();
            return health == null ? null : health.get("grouping_rules_skipped");
        }, skipped -> new Document("slow", 2L).equals(skipped));
    }

    @Test
    void ruleAddedWithTheCliAppliesToTheNextRunAndARemovedOneNoLonger() throws Exception {
        FaultlineCli.Result added = cli("grouping-rules", "add", PER_HOST, "--by", "ann");
        assertEquals(0, added.exit(), added.output());
        assertEquals("added grouping rule per-host (running agents apply it within 10 s)\n", added.stdout());
        FaultlineCli.Result listed = cli("grouping-rules", "list", "--json");
        Document rule = Document.parse(listed.stdout()).getList("results", Document.class).get(0);
        assertEquals(List.of("type", "context.upstream_host"), rule.getList("fingerprint", String.class));
        assertEquals("ann", rule.getString("created_by"));
        run(null);
        Map<String, String> ruled = fingerprintsByHost();
        assertNotEquals(ruled.get("a.example"), ruled.get("b.example"));

        FaultlineCli.Result removed = cli("grouping-rules", "remove", "per-host");
        assertEquals(0, removed.exit(), removed.output());
        stored.errors().deleteMany(new Document());
        run(null);
        Map<String, String> plain = fingerprintsByHost();
        assertEquals(plain.get("a.example"), plain.get("b.example"));
    }

    @Test
    void ruleWithABadRegularExpressionIsRefusedNamingTheField() throws Exception {
        FaultlineCli.Result bad = cli("grouping-rules", "add", "broken: message=(unclosed");
        assertEquals(2, bad.exit(), bad.output());
        assertTrue(bad.stderr().contains("field message"), bad.output());
        assertTrue(bad.stderr().contains("invalid rule \"broken: message=(unclosed\"") && !bad.stderr().contains("--rule"),
                "names what was typed, not an option there is not: " + bad.output());
        assertEquals(0, stored.collection("grouping_rules").countDocuments());
    }

    private void run(String rules) throws Exception {
        AgentJvm jvm = new AgentJvm(AgentJvm.Jdk.JDK17, "com.example.grouping.UpstreamApp").libs("logback15").args("a.example", "b.example")
                .storingIn(MongoSource.get().uri, stored.database).set("service", "upstream").set("app-packages", "com.example");
        if (rules != null) {
            jvm.set("grouping.rules", rules);
        }
        AgentJvm.Result run = jvm.run();
        assertEquals(0, run.exit(), run.output());
        stored.await(stored.errors(), new Document(), 2);
    }

    private Map<String, String> fingerprintsByHost() {
        Map<String, String> out = new TreeMap<>();
        for (Document d : stored.errors().find().into(new ArrayList<>())) {
            out.put(d.get("context", Document.class).getString("upstream_host"), d.getString("fingerprint"));
        }
        assertEquals(List.of("a.example", "b.example"), new ArrayList<>(out.keySet()));
        return out;
    }

    private Document group(String fingerprint) {
        return stored.collection("error_groups").find(eq("_id", fingerprint)).first();
    }

    private void awaitGroupCount(String fingerprint, long count) {
        Eventually.await("group " + fingerprint + " count " + count, () -> {
            Document g = group(fingerprint);
            return g == null ? -1L : ((Number) g.get("count")).longValue();
        }, c -> c == count);
    }

    private FaultlineCli.Result cli(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--uri", MongoSource.get().uri, "--database", stored.database));
        return FaultlineCli.run(all.toArray(new String[0]));
    }
}
