package dev.faultline.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.config.Config;
import dev.faultline.config.ConfigException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Grouping rules: which records they match, the fingerprints they give, and the rules they refuse. */
class GroupingRulesTest {
    private static final String PER_HOST = "per-host: type=java.net.ConnectException -> type + context.upstream_host";

    private static Document record(String type, String message, Map<String, Object> context) {
        return new Document("message", message).append("message_template", message).append("logger", "com.acme.Client")
                .append("app", "shop").append("exception", type == null ? null : new Document("type", type).append("message", message))
                .append("context", context == null ? null : new Document(context)).append("error_code", null);
    }

    private static String fingerprint(String rules, Document doc) {
        return new GroupingRules(GroupingRules.parse(rules)).fingerprint(doc);
    }

    @Test
    void oneGroupPerUpstreamHostWhenTheRuleSelectsTheContextKey() {
        String a = fingerprint(PER_HOST, record("java.net.ConnectException", "refused", Map.of("upstream_host", "a.example")));
        String a2 = fingerprint(PER_HOST, record("java.net.ConnectException", "timed out", Map.of("upstream_host", "a.example")));
        String b = fingerprint(PER_HOST, record("java.net.ConnectException", "refused", Map.of("upstream_host", "b.example")));
        assertNotNull(a);
        assertEquals(a, a2);
        assertNotEquals(a, b);
    }

    @Test
    void ruleDoesNotApplyToAnotherTypeOrWithoutTheSelectedKey() {
        assertNull(fingerprint(PER_HOST, record("java.io.IOException", "refused", Map.of("upstream_host", "a.example"))));
        assertNull(fingerprint(PER_HOST, record("java.net.ConnectException", "refused", Map.of("other", "x"))));
        assertNull(fingerprint(PER_HOST, record(null, "refused", Map.of("upstream_host", "a.example"))));
    }

    @Test
    void messagePatternGroupsByItsCaptureGroupOrByTheWholeMatch() {
        String byTable = "tables: message=table (\\w+) is locked -> message";
        assertEquals(fingerprint(byTable, record(null, "table orders is locked by 12", null)),
                fingerprint(byTable, record(null, "table orders is locked by 99", null)));
        assertNotEquals(fingerprint(byTable, record(null, "table orders is locked", null)),
                fingerprint(byTable, record(null, "table users is locked", null)));
        String all = "locks: message=is locked";
        assertEquals(fingerprint(all, record(null, "table orders is locked", null)),
                fingerprint(all, record("java.sql.SQLException", "table users is locked", null)));
        assertNull(fingerprint(all, record(null, "table orders is free", null)));
    }

    @Test
    void firstMatchingRuleWinsAndConfiguredRulesComeBeforeStoredOnes() {
        Document doc = record("java.net.ConnectException", "refused", Map.of("upstream_host", "a.example"));
        GroupingRules rules = new GroupingRules(GroupingRules.parse("first: logger=com.acme.Client; " + PER_HOST));
        rules.stored(List.of(GroupingRule.of("stored", Map.of("app", "shop"), List.of())));
        assertEquals(fingerprint("first: logger=com.acme.Client", doc), rules.fingerprint(doc));
        GroupingRules storedOnly = new GroupingRules(List.of());
        storedOnly.stored(List.of(GroupingRule.of("stored", Map.of("app", "shop"), List.of())));
        assertEquals(fingerprint("stored: app=shop", doc), storedOnly.fingerprint(doc));
    }

    @Test
    void aBacktrackingMessagePatternIsSkippedForTheRecordItIsTooSlowOnAndCounted() {
        // (x+x+)+y on 8000 x's would backtrack for longer than anyone waits; the rule gives up
        // after MAX_READS characters and the next rule applies.
        GroupingRules rules = new GroupingRules(GroupingRules.parse("slow: message=(x+x+)+y -> message; any: app=shop"));
        Document doc = record(null, "x".repeat(8000), null);
        assertEquals(fingerprint("any: app=shop", doc), rules.fingerprint(doc));
        assertEquals(Map.of("slow", 1L), rules.skipped());
        GroupingRules alone = new GroupingRules(GroupingRules.parse("slow: message=(x+x+)+y -> message"));
        assertNull(alone.fingerprint(doc), "no rule applies: the built-in fingerprint stays");
        assertEquals(Map.of("slow", 1L), alone.skipped());
    }

    @Test
    void theSameBacktrackingPatternStillAppliesWhereItIsFastAndALinearOneOnALongMessageIsNeverSkipped() {
        GroupingRules slow = new GroupingRules(GroupingRules.parse("slow: message=(x+x+)+y -> message"));
        assertNotNull(slow.fingerprint(record(null, "xxxxy", null)));
        GroupingRules linear = new GroupingRules(GroupingRules.parse("orders: message=order (\\d+) failed -> message"));
        String longMessage = "z".repeat(8000) + " order 42 failed";
        assertEquals(fingerprint("orders: message=order (\\d+) failed -> message", record(null, "order 42 failed", null)),
                linear.fingerprint(record(null, longMessage, null)));
        assertEquals(Map.of(), slow.skipped());
        assertEquals(Map.of(), linear.skipped());
    }

    @Test
    void ruleFingerprintsDifferBetweenRulesSelectingTheSameValues() {
        Document doc = record("java.net.ConnectException", "refused", Map.of("upstream_host", "a.example"));
        assertNotEquals(fingerprint("one: app=shop -> type", doc), fingerprint("two: app=shop -> type", doc));
    }

    @Test
    void recordOfAnErrorCodeKeepsTheCodesGroup() {
        Document doc = record("java.net.ConnectException", "refused", Map.of("upstream_host", "a.example")).append("error_code", "E1");
        assertNull(fingerprint(PER_HOST, doc));
    }

    @Test
    void badRulesAreRefusedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GroupingRules.parse("x: message=(unclosed"))
                .getMessage().startsWith("grouping rule x: field message needs a Java regular expression"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GroupingRules.parse("x: colour=red"))
                .getMessage().contains("unknown field \"colour\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GroupingRules.parse("x: app=shop -> host"))
                .getMessage().startsWith("grouping rule x: field fingerprint needs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GroupingRules.parse("x: app=shop -> type & app=shop"))
                .getMessage().startsWith("grouping rule x: field fingerprint needs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GroupingRules.parse("x: app=shop -> message"))
                .getMessage().contains("a message condition"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GroupingRules.parse("no colon here"))
                .getMessage().contains("expected id: conditions -> fingerprint"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GroupingRules.fromDocument(new Document("_id", "m").append("message", "[")))
                .getMessage().startsWith("grouping rule m: field message"));
    }

    @Test
    void storedFormReadsBackAsTheSameRule() {
        GroupingRule rule = GroupingRules.parse("per-host: type=java.net.ConnectException & context.region=eu -> type + context.upstream_host").get(0);
        Document stored = rule.toDocument();
        assertEquals(new Document("_id", "per-host").append("type", "java.net.ConnectException")
                .append("context", new Document("region", "eu")).append("fingerprint", List.of("type", "context.upstream_host")), stored);
        Document doc = record("java.net.ConnectException", "refused", Map.of("upstream_host", "a", "region", "eu"));
        assertEquals(rule.fingerprint(doc), GroupingRules.fromDocument(stored).fingerprint(doc));
    }

    @Test
    void badConfiguredRuleSwitchesTheAgentOffWithALineNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.fromMap(Map.of("grouping.rules", "x: message=(")));
        assertTrue(e.getMessage().contains("for grouping.rules"), e.getMessage());
        assertTrue(e.getMessage().contains("field message"), e.getMessage());
    }

    @Test
    void recordFactoryStoresTheRulesFingerprintAndKeepsTheBuiltInOneWhenNoRuleApplies() throws Exception {
        RecordFactory factory = new RecordFactory(Config.fromMap(Map.of("app-packages", "com.acme", "grouping.rules", PER_HOST)),
                new Identity("shop", "", "", "", "", "box", "box", 1));
        Occurrence withHost = factory.occurrence(event(new ConnectException("refused"), Map.of("upstream_host", "a.example")));
        Occurrence without = factory.occurrence(event(new ConnectException("refused"), Map.of()));
        assertEquals(fingerprint(PER_HOST, withHost.document), withHost.fingerprint);
        assertEquals(withHost.fingerprint, withHost.document.getString("fingerprint"));
        assertEquals(Fingerprints.ofException(ExceptionChain.of(new ConnectException("refused"), 16), new InAppRule(List.of("com.acme"))),
                without.fingerprint);
    }

    private static CapturedEvent event(Throwable t, Map<String, String> mdc) {
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 1_700_000_000_000L, "com.acme.Client", "main",
                "call failed", new Object[0], CapturedEvent.FORMAT_SLF4J, t, mdc, null, true);
        e.siteClass = "com.acme.Client";
        e.siteMethod = "call";
        return e;
    }
}
