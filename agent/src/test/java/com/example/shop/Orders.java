package com.example.shop;

import dev.faultline.bootstrap.Bridge;
import dev.faultline.bootstrap.CapturedEvent;
import dev.faultline.bootstrap.Severity;
import java.util.List;
import java.util.Map;

/** An application's logging call, as a woven Logback hook makes it (the call site of unit tests). */
public final class Orders {
    private Orders() {
    }

    /** Logs "order failed" at ERROR with {@code map} as the MDC and {@code pairs} as SLF4J 2 key-value pairs. */
    public static void fail(Map<String, ?> map, List<?> pairs) {
        Bridge.exit(Bridge.capture("logback", Severity.ERROR, 1L, "shop.Orders", "main", "order failed",
                null, CapturedEvent.FORMAT_SLF4J, null, map, pairs, true));
    }

    /** The same logger and template as {@link #fail}, from another method: another call site. */
    public static void failOnRetry() {
        Bridge.exit(Bridge.capture("logback", Severity.ERROR, 1L, "shop.Orders", "main", "order failed",
                null, CapturedEvent.FORMAT_SLF4J, null, null, null, true));
    }
}
