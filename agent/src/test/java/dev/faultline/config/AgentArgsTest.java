package dev.faultline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code -javaagent:faultline-agent.jar=key=value,key=value}, where values may hold commas. */
class AgentArgsTest {
    @Test
    void readsPairsSeparatedByCommas() {
        assertEquals(Map.of("service", "shop", "debug", "true"), AgentArgs.parse("service=shop,debug=true"));
    }

    @Test
    void commaStartsANewPairOnlyBeforeAKnownKey() {
        Map<String, String> args = AgentArgs.parse("app-packages=com.acme,org.shop,mongo.uri=mongodb://h1,h2/?w=1,debug=true");
        assertEquals("com.acme,org.shop", args.get("app-packages"));
        assertEquals("mongodb://h1,h2/?w=1", args.get("mongo.uri"));
        assertEquals("true", args.get("debug"));
    }

    /** A user's trial: {@code servce=billing} became part of the URI, a second host, and nothing was written. */
    @Test
    void aMisspeltKeyAfterAValueIsSplitOffAndReportedWithItsSuggestion() {
        Map<String, String> args = AgentArgs.parse("mongo.uri=mongodb://127.0.0.1:28101,servce=billing");
        assertEquals("mongodb://127.0.0.1:28101", args.get("mongo.uri"));
        assertEquals("billing", args.get("servce"));
        List<String> warnings = Setup.with().args("mongo.uri=mongodb://127.0.0.1:28101,servce=billing").load().warnings();
        assertTrue(warnings.stream().anyMatch(w -> w.contains("agent argument servce") && w.contains("did you mean service?")), warnings.toString());
        assertEquals("com.acme.billing=billing,com.acme.shop=shop",
                AgentArgs.parse("apps=com.acme.billing=billing,com.acme.shop=shop").get("apps"), "a mapping's entries are not settings");
    }

    /**
     * A reviewer's trial: a password typed with a raw comma, its second part looking like a
     * setting, was split there: "ignoring unknown setting agent argument servce" and "invalid
     * value "mongodb://u:hunter"" printed both halves of the password on stderr. A comma inside a
     * URI's user name and password is not a split; one between hosts still is a comma of the URI.
     */
    @Test
    void aCommaInsideAUrisPasswordIsNotASplit() {
        assertEquals(Map.of("mongo.uri", "mongodb://u:hunter,servce=2@h/", "debug", "true"),
                AgentArgs.parse("mongo.uri=mongodb://u:hunter,servce=2@h/,debug=true"));
        assertEquals("mongodb://u:p,w,service=x@h1:1,h2/db", AgentArgs.parse("mongo.uri=mongodb://u:p,w,service=x@h1:1,h2/db").get("mongo.uri"));
        Config c = Setup.with().args("mongo.uri=mongodb://u:hunter,servce=2@h/,service=shop").load();
        assertEquals("shop", c.service());
        assertTrue(c.warnings().stream().noneMatch(w -> w.contains("servce")), c.warnings().toString());
        Map<String, String> hosts = AgentArgs.parse("mongo.uri=mongodb://h1:27017,servce=billing@x");
        assertEquals("billing@x", hosts.get("servce"), "host:port, then a setting: not a password");
    }

    @Test
    void appsMappingKeepsAllItsPairs() {
        Config c = Setup.with().args("apps=com.acme.billing=billing,com.acme.shop=shop,service=acme").load();
        assertEquals(List.of("com.acme.billing", "com.acme.shop"), List.copyOf(c.apps().keySet()));
        assertEquals("acme", c.service());
    }

    @Test
    void emptyOrMissingArgumentsAreNoPairs() {
        assertEquals(Map.of(), AgentArgs.parse(null));
        assertEquals(Map.of(), AgentArgs.parse(""));
        assertEquals(Map.of(), AgentArgs.parse("  "));
    }

    @Test
    void keysAndValuesAreTrimmed() {
        assertEquals(Map.of("service", "shop", "release", "1.0"), AgentArgs.parse(" service = shop , release=1.0 "));
    }

    @Test
    void unknownFirstKeyIsStillAPairSoItCanBeWarnedAbout() {
        assertEquals(Map.of("servce", "shop", "debug", "true"), AgentArgs.parse("servce=shop,debug=true"));
    }
}
