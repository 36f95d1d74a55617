package dev.faultline.pipeline;

import com.example.shop.KeyValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.shop.Orders;
import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import dev.faultline.capture.Identity;
import dev.faultline.capture.Occurrence;
import dev.faultline.capture.RecordFactory;
import dev.faultline.capture.Trails;
import dev.faultline.codes.Clock;
import dev.faultline.codes.CodeUpdates;
import dev.faultline.codes.Decision;
import dev.faultline.codes.ErrorCodeTracker;
import dev.faultline.codes.Notifier;
import dev.faultline.config.Config;
import dev.faultline.intake.EventQueue;
import dev.faultline.intake.Gate;
import dev.faultline.store.Health;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One precedence rule for every reader of an event's context: for every combination of a code in
 * the thread's map (MDC, ThreadContext, JUL map) and in the call's key-value pairs, the episode
 * the gate opens, the stored {@code error_code}, the stored context and the fingerprint agree.
 */
class ContextPrecedenceTest {
    private static final Identity IDENTITY = new Identity("shop", "", "", "", "", "box", "box", 1);
    private static final Object THROWS = new Object() {
        @Override
        public String toString() {
            throw new IllegalStateException("hostile toString");
        }
    };
    /** Values a source may hold for a key; null means the source lacks the key. */
    private static final Object[] MAP_VALUES = {null, "A", " A ", "", THROWS};
    private static final Object[][] PAIR_VALUES = {null, {"B"}, {""}, {THROWS}, {"B", "C"}, {" B "}};

    private static final class Run {
        final ErrorCodeTracker tracker = new ErrorCodeTracker(Clock.SYSTEM, 3_600_000L);
        final EventQueue queue = new EventQueue(16, Long.MAX_VALUE);
        final Pipeline pipeline;

        Run() {
            tracker.loaded(List.of());
            Bridge.install(new Gate(queue, tracker, new Health(), false, 8192), Severity.ERROR, true);
            pipeline = new Pipeline(new RecordFactory(config(), IDENTITY), tracker,
                    new CodeUpdates(tracker, IDENTITY, new Notifier("", IDENTITY)), new Trails(0, 8192));
        }

        /** Logs one error through the bridge and the gate, then runs the writer's steps. */
        Occurrence log(Map<String, ?> map, List<?> pairs) {
            Orders.fail(map, pairs);
            List<CapturedEvent> events = new ArrayList<>();
            queue.drainTo(events, 16);
            assertEquals(1, events.size());
            lastDecision = events.get(0).codeDecision;
            return pipeline.process(events.get(0));
        }

        Object lastDecision;
    }

    private static Config config() {
        try {
            return Config.fromMap(Map.of("service", "shop"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void uninstall() {
        Bridge.uninstall();
    }

    @Test
    void episodeStoredCodeContextAndFingerprintAgreeForEveryCombinationOfSources() {
        for (Object mapValue : MAP_VALUES) {
            for (Object[] pairValues : PAIR_VALUES) {
                Map<String, Object> map = null;
                if (mapValue != null) {
                    map = new HashMap<>();
                    map.put("error_code", mapValue);
                }
                List<KeyValue> pairs = null;
                if (pairValues != null) {
                    pairs = new ArrayList<>();
                    for (Object v : pairValues) {
                        pairs.add(new KeyValue("error_code", v));
                    }
                }
                String expected = expectedCode(mapValue, pairValues);
                String combination = "map " + describe(mapValue) + ", pairs " + describe(pairValues);

                Run run = new Run();
                Occurrence o = run.log(map, pairs);
                Document context = o.document.get("context", Document.class);
                if (expected == null) {
                    assertNull(run.lastDecision, combination + ": no episode");
                    assertNull(o.document.get("error_code"), combination);
                } else {
                    Decision d = (Decision) run.lastDecision;
                    assertEquals(Decision.Action.NEW, d.action(), combination);
                    assertEquals(expected, d.episode().code(), combination + ": episode");
                    assertEquals(expected, o.document.getString("error_code"), combination + ": stored error_code");
                    assertEquals(expected, context.getString("error_code").trim(), combination + ": stored context");
                    Occurrence plain = new Run().log(Map.of("error_code", expected), null);
                    assertEquals(plain.fingerprint, o.fingerprint, combination + ": fingerprint");
                }
                if (context != null) {
                    assertTrue(context.keySet().stream().noneMatch(k -> k.startsWith("error_code_")),
                            combination + ": a value shadowed by the precedence rule is not kept as a second key: " + context);
                }
                Bridge.uninstall();
            }
        }
    }

    @Test
    void jobAndUserIdsFollowTheSamePrecedence() {
        Occurrence o = new Run().log(Map.of("job_id", "from_mdc", "user_id", "u1"),
                List.of(new KeyValue("job_id", "from_pair")));
        assertEquals("from_pair", o.document.getString("job_id"));
        assertEquals("u1", o.document.getString("user_id"));
        assertEquals("from_pair", o.document.get("context", Document.class).getString("job_id"));
    }

    /** The rule: the first pair with the key, if it is not blank; else the map's value, if it is not blank. */
    private static String expectedCode(Object mapValue, Object[] pairValues) {
        if (pairValues != null) {
            String pair = text(pairValues[0]);
            if (pair != null) {
                return pair;
            }
            return null;
        }
        return text(mapValue);
    }

    private static String text(Object v) {
        if (v == null || v == THROWS) {
            return null;
        }
        String s = v.toString().trim();
        return s.isEmpty() ? null : s;
    }

    private static String describe(Object v) {
        if (v instanceof Object[]) {
            List<String> parts = new ArrayList<>();
            for (Object o : (Object[]) v) {
                parts.add(describe(o));
            }
            return parts.toString();
        }
        return v == THROWS ? "<throws>" : v == null ? "absent" : "\"" + v + "\"";
    }
}
