package dev.faultline.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class EventSizeTest {
    private static final int CAP = 100;
    private final EventSize sizes = new EventSize(CAP);

    static CapturedEvent event(String template, Object... args) {
        return new CapturedEvent("logback", Severity.ERROR, 0L, "l", "main", template, args,
                CapturedEvent.FORMAT_SLF4J, new IllegalStateException("x"), null, null, true);
    }

    @Test
    void cutsAStringArgumentLongerThanTheCapIntoACopyAndLeavesTheApplicationsArrayAlone() {
        String body = "b".repeat(64 * 1024);
        Object[] appArgs = {1, body};
        CapturedEvent e = event("rejected {}: {}", appArgs);

        sizes.fit(e);

        assertNotSame(appArgs, e.args);
        assertSame(body, appArgs[1]);
        assertEquals(1, e.args[0]);
        assertEquals("b".repeat(CAP + EventSize.MARGIN), e.args[1]);
        assertEquals(64 * 1024 - CAP - EventSize.MARGIN, e.argumentsCut);
    }

    @Test
    void keepsArgumentsWithinTheCapAsTheyAre() {
        Object[] appArgs = {"short", "b".repeat(CAP + EventSize.MARGIN)};
        CapturedEvent e = event("{} {}", appArgs);

        sizes.fit(e);

        assertSame(appArgs, e.args);
    }

    @Test
    void cutsATemplateLongerThanTwiceTheCap() {
        CapturedEvent e = event("t".repeat(10 * CAP));

        sizes.fit(e);

        assertEquals(2 * CAP + EventSize.MARGIN, e.template.length());
        assertEquals(10 * CAP - 2 * CAP - EventSize.MARGIN, e.templateCut);
    }

    @Test
    void estimatesTheCutEventNotTheApplicationsValue() {
        int small = sizes.fit(event("rejected {}", "b".repeat(CAP + EventSize.MARGIN)));
        int large = sizes.fit(event("rejected {}", "b".repeat(1 << 20)));

        assertEquals(small, large);
        assertTrue(small < 8 * 1024, small + " bytes");
    }

    @Test
    void countsArraysAndContextByTheirLength() {
        int bare = sizes.fit(event("{}", (Object) null));
        int bytes = sizes.fit(event("{}", (Object) new byte[10_000]));
        CapturedEvent withContext = new CapturedEvent("logback", Severity.ERROR, 0L, "l", "main", "{}", new Object[] {null},
                CapturedEvent.FORMAT_SLF4J, new IllegalStateException("x"), Collections.singletonMap("k", "v"), null, true);

        assertEquals(bare - EventSize.OBJECT + 16 + 10_000, bytes);
        assertEquals(bare + EventSize.ENTRY + 2 * (40 + 2), sizes.fit(withContext), "an entry and its key's and value's text");
    }

    /**
     * A user's trial: 40 errors, each with a fresh 1 MB MDC value the application removed after the
     * call, ran a 64 MiB application out of heap while they waited (24 MiB were enough without the
     * agent). The value is cut in a copy of the map; the application's map is left alone.
     */
    @Test
    void cutsAnMdcValueLongerThanTheCapIntoACopyOfTheMap() {
        String payload = "p".repeat(1 << 20);
        java.util.Map<String, String> mdc = new java.util.LinkedHashMap<>();
        mdc.put("order_id", "o-17");
        mdc.put("payload", payload);
        CapturedEvent e = new CapturedEvent("logback", Severity.ERROR, 0L, "l", "main", "rejected", null,
                CapturedEvent.FORMAT_SLF4J, new IllegalStateException("x"), java.util.Collections.unmodifiableMap(mdc), null, true);

        int bytes = sizes.fit(e);

        assertEquals("p".repeat(CAP + EventSize.MARGIN), e.context.get("payload").toString());
        assertEquals("o-17", e.context.get("order_id"));
        assertEquals(java.util.List.of("order_id", "payload"), java.util.List.copyOf(e.context.keySet()), "in the MDC's order");
        assertSame(payload, mdc.get("payload"), "the application's map is not changed");
        assertTrue(bytes < 8 * 1024, bytes + " bytes");
    }

    /** Logback's MDC as the hook gets it: an unmodifiable view of a HashMap, filled once. */
    private static java.util.Map<String, String> logbackMdc(int entries) {
        java.util.Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < entries; i++) {
            map.put(String.format("mdc_%02d", i), String.format("value-%02d-abcdefghijk", i));
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    private static CapturedEvent withContext(java.util.Map<String, ?> context) {
        return new CapturedEvent("logback", Severity.ERROR, 0L, "l", "main", "{}", new Object[] {null},
                CapturedEvent.FORMAT_SLF4J, new IllegalStateException("x"), context, null, true);
    }

    @Test
    void countsEveryShortEntryOfAFullMdcAndKeepsTheApplicationsMap() {
        int bare = sizes.fit(event("{}", (Object) null));
        java.util.Map<String, String> mdc = logbackMdc(EventSize.WALKED_ENTRIES);
        CapturedEvent e = withContext(mdc);

        int bytes = sizes.fit(e);

        // Each entry: ENTRY, its 6-character key's and its 20-character value's text.
        assertEquals(bare + EventSize.WALKED_ENTRIES * (EventSize.ENTRY + 40 + 2 * 6 + 40 + 2 * 20), bytes);
        assertSame(mdc, e.context);
    }

    @Test
    void cutsALongValueOrKeyAmongManyShortEntries() {
        java.util.Map<String, Object> mdc = new java.util.LinkedHashMap<>(logbackMdc(EventSize.WALKED_ENTRIES - 2));
        String payload = "p".repeat(1 << 16);
        String longKey = "k".repeat(1 << 16);
        mdc.put("payload", payload);
        mdc.put(longKey, "v");
        CapturedEvent e = withContext(java.util.Collections.unmodifiableMap(mdc));

        int bytes = sizes.fit(e);

        assertEquals(EventSize.WALKED_ENTRIES, e.context.size());
        assertEquals("p".repeat(CAP + EventSize.MARGIN), e.context.get("payload").toString());
        assertEquals("v", e.context.get("k".repeat(CAP + EventSize.MARGIN)));
        assertEquals("value-00-abcdefghijk", e.context.get("mdc_00"));
        assertSame(payload, mdc.get("payload"), "the application's map is not changed");
        assertTrue(bytes < 32 * 1024, bytes + " bytes");
    }

    @Test
    void aContextWhoseKeysAreNotStringsCountsOneEntryAndNothingIsThrown() {
        // JUL's context is a Map among the record's parameters: its keys are whatever the application put.
        java.util.Map<Object, Object> raw = new java.util.HashMap<>();
        raw.put(17, "v");
        @SuppressWarnings("unchecked")
        java.util.Map<String, ?> polluted = (java.util.Map<String, ?>) (java.util.Map<?, ?>) raw;
        int bare = sizes.fit(event("{}", (Object) null));

        assertEquals(bare + EventSize.ENTRY, sizes.fit(withContext(polluted)));
    }

    @Test
    void aCharSequenceThatThrowsIsCountedAsAnObjectAndNothingIsThrown() {
        CharSequence hostile = new CharSequence() {
            @Override
            public int length() {
                throw new IllegalStateException("no");
            }

            @Override
            public char charAt(int index) {
                throw new IllegalStateException("no");
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                throw new IllegalStateException("no");
            }
        };
        CapturedEvent e = event("{}", hostile);

        assertTrue(sizes.fit(e) > 0);
        assertSame(hostile, e.args[0]);
    }
}
