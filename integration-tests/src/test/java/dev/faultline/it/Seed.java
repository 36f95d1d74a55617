package dev.faultline.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/**
 * Documents shaped exactly as DESIGN.md section 4 describes them (as the agent writes them), for
 * tests that need a known database: override any field with {@code append}.
 */
final class Seed {
    private Seed() {
    }

    /** A 40-hex-digit fingerprint, as the agent makes them (SHA-1). */
    static String fingerprint(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static Document occurrence(String message, Instant at) {
        Document top = new Document("type", "java.lang.IllegalStateException").append("message", "card declined")
                .append("frames", List.of(
                        frame("com.example.billing.PaymentGateway", "charge", "PaymentGateway.java", 13, true),
                        frame("java.util.concurrent.FutureTask", "run", "FutureTask.java", 264, false),
                        frame("com.example.shop.OrderService", "checkout", "OrderService.java", 18, true)))
                .append("causes", List.of(new Document("type", "java.io.IOException").append("message", "gateway timeout")
                        .append("frames", List.of(frame("com.example.billing.PaymentClient", "send", "PaymentClient.java", 8, true)))))
                .append("suppressed", 0);
        return new Document("_id", UUID.randomUUID().toString())
                .append("timestamp", Date.from(at))
                .append("message", message)
                .append("message_template", message)
                .append("severity", "ERROR")
                .append("severity_num", 40)
                .append("source", "logback")
                .append("handled", true)
                .append("logger", "com.example.shop.OrderService")
                .append("thread", "main")
                .append("app", "shop")
                .append("file", "com/example/billing/PaymentGateway.java")
                .append("function", "charge")
                .append("class", "com.example.billing.PaymentGateway")
                .append("line", 13)
                .append("exception", top)
                .append("data", new Document("trace", "java.lang.IllegalStateException: card declined\n"
                        + "\tat com.example.billing.PaymentGateway.charge(PaymentGateway.java:13)\n"))
                .append("context", new Document("order_id", "1001"))
                .append("error_code", null)
                .append("job_id", null)
                .append("user_id", null)
                .append("request", null)
                .append("fingerprint", fingerprint("default"))
                .append("resolved", false)
                .append("resolved_by", null)
                .append("resolved_timestamp", null)
                .append("service", "shop-service")
                .append("environment", "test")
                .append("release", "1.0")
                .append("server_id", "")
                .append("node_name", "")
                .append("local_machine_name", "it-host")
                .append("host", "it-host")
                .append("pid", 4242L);
    }

    static Document frame(String cls, String method, String file, int line, boolean inApp) {
        return new Document("class", cls).append("method", method).append("file", file).append("line", line).append("in_app", inApp);
    }

    static Document group(String fingerprint, String title, Instant firstSeen, Instant lastSeen, long count) {
        return new Document("_id", fingerprint)
                .append("title", title)
                .append("exception_type", "java.lang.IllegalStateException")
                .append("app", "shop")
                .append("file", "com/example/billing/PaymentGateway.java")
                .append("function", "charge")
                .append("first_seen", Date.from(firstSeen))
                .append("last_seen", Date.from(lastSeen))
                .append("count", count)
                .append("severity", "ERROR")
                .append("services", List.of("shop-service"))
                .append("status", "unresolved")
                .append("resolved_by", null)
                .append("resolved_timestamp", null)
                .append("regressed_at", null)
                .append("regressions", 0)
                .append("last_error_id", null)
                .append("grouping_version", 1);
    }

    static Document codeEpisode(String code, boolean active, Instant created) {
        return new Document("code", code)
                .append("message", "first message of " + code)
                .append("start_time", Date.from(created))
                .append("last_log_time", Date.from(created))
                .append("occurrences", 3L)
                .append("alerts", 1L)
                .append("active", active)
                .append("cleared_at", active ? null : Date.from(created.plusSeconds(60)))
                .append("clear_message", active ? "" : "Error code " + code + " cleared after 0d 00h 01m 00s original: first message of " + code)
                .append("created_at", Date.from(created))
                .append("updated_at", Date.from(created))
                .append("service", "shop-service")
                .append("server_id", "srv-1")
                .append("node_name", "node-1")
                .append("local_machine_name", "it-host");
    }

    static Document health(String service, Instant updated) {
        return new Document("_id", UUID.randomUUID().toString())
                .append("started_at", Date.from(updated.minusSeconds(600)))
                .append("updated_at", Date.from(updated))
                .append("captured", 12L).append("written", 10L).append("suppressed", 1L).append("spooled", 0L).append("self", 0L)
                .append("dropped", new Document("queue_full", 1L)).append("dropped_total", 1L).append("queue_depth", 0)
                .append("mongo_state", "connected").append("last_write_error", null).append("advice_errors", 0L)
                .append("agent_version", "0.1.0-SNAPSHOT").append("java_version", "17")
                .append("service", service).append("host", "it-host").append("pid", 4242L);
    }
}
