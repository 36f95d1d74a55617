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
