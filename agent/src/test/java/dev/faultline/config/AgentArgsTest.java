package dev.faultline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
