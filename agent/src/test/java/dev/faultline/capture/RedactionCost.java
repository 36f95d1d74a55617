package dev.faultline.capture;

import dev.faultline.config.Config;
import java.util.Map;

/**
 * A harness, not a test: ns per {@link Redactor#text} call over eight typical log texts, rounds of
 * 200k calls, the median. {@code java -cp agent/target/test-classes:agent/target/classes:bootstrap/target/classes
 * dev.faultline.capture.RedactionCost [rounds]}.
 */
public final class RedactionCost {
    public static void main(String[] a) throws Exception {
        Redactor r = Redactor.of(Config.fromMap(Map.of("service", "bench")));
        String[] texts = {
            "payment failed for order 10023 after 3 retries",
            "could not reach inventory service at http://inventory.internal:8080/api/v2/items?sku=AB-1234&warehouse=7",
            "java.lang.IllegalStateException: connection pool exhausted (max 20, waiting 57)",
            "user 5531 not found in tenant acme-eu-west-1 while handling GET /accounts/5531/preferences",
            "timeout after 3000 ms calling payments-gateway, request id 123e4567-e89b-12d3-a456-426614174000",
            "login failed: password=hunter2 for user alice",
            "Authorization: Bearer abc.DEF-123_ghi~jkl rejected by upstream",
            "retrying job nightly-import (attempt 2 of 5) with --batch-size 500 --dry-run false",
        };
        int rounds = Integer.parseInt(a.length > 0 ? a[0] : "11");
        long sink = 0;
        long[] ns = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 200_000; i++) {
                sink += r.text(texts[i & 7]).length();
            }
            ns[round] = (System.nanoTime() - t0) / 200_000;
        }
        java.util.Arrays.sort(ns);
        System.out.println("median ns per text: " + ns[rounds / 2] + " (min " + ns[0] + ", max " + ns[rounds - 1] + ") sink " + sink);
    }
}
