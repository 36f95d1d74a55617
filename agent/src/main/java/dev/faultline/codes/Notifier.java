package dev.faultline.codes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.faultline.alert.HttpPost;
import dev.faultline.bootstrap.Bridge;
import dev.faultline.capture.Identity;
import dev.faultline.core.Diag;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends error-code notices: always a line on the agent's diagnostic output, and with
 * {@code notify.webhook} a JSON POST (Slack-compatible {@code text} plus the structured fields).
 * Posting happens on its own daemon thread with short timeouts, so a slow webhook never holds up
 * the writer; a notice that fails is counted, not retried, and a full backlog drops (and counts).
 */
public final class Notifier implements Runnable {
    private static final int BACKLOG = 256;

    private final String webhook;
    private final Identity identity;
    private final BlockingQueue<Notice> backlog = new ArrayBlockingQueue<Notice>(BACKLOG);
    public final AtomicLong sent = new AtomicLong();
    public final AtomicLong failed = new AtomicLong();
    /** Notices queued or being posted: shutdown waits for these. */
    private final AtomicInteger unsent = new AtomicInteger();
    private Thread thread;

    public Notifier(String webhook, Identity identity) {
        this.webhook = webhook == null || webhook.isEmpty() ? null : webhook;
        this.identity = identity;
    }

    /** Writer thread: prints the notice and queues the POST; never waits. */
    public void send(Notice notice) {
        Diag.info("error code notice: " + notice.text(where()));
        if (webhook == null) {
            sent.incrementAndGet();
            return;
        }
        synchronized (this) {
            if (thread == null) {
                thread = dev.faultline.core.AgentThreads.daemon(this, "faultline-notify");
                thread.start();
            }
        }
        unsent.incrementAndGet();
        if (!backlog.offer(notice)) {
            unsent.decrementAndGet();
            failed.incrementAndGet();
            Diag.warnRateLimited("notify-backlog", "webhook backlog full, notices are being dropped");
        }
    }

    @Override
    public void run() {
        Bridge.markAgentThread();
        while (true) {
            Notice notice;
            try {
                notice = backlog.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                HttpPost.json(webhook, body(notice));
                sent.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                failed.incrementAndGet();
                Diag.warnRateLimited("notify", "webhook failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() != null && e.getMessage().startsWith("HTTP ") ? " " + e.getMessage() : "")
                        + "); the notice is not retried");
            } finally {
                unsent.decrementAndGet();
            }
        }
    }

    /** At shutdown: gives queued notices until {@code deadlineNanos} to go out. */
    public void awaitSent(long deadlineNanos) {
        while (unsent.get() > 0 && System.nanoTime() < deadlineNanos) {
            LockSupport.parkNanos(10_000_000L);
        }
    }

    /** The source as the notices name it: {@code " in <service> on <machine>"}. */
    private String where() {
        return " in " + identity.service() + " on " + identity.machine();
    }

    String body(Notice n) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("text", n.text(where()));
            g.writeStringField("event", n.kind.name().toLowerCase(java.util.Locale.ROOT));
            g.writeStringField("error_code", n.code);
            g.writeStringField("message", n.message);
            if (n.clearMessage != null) {
                g.writeStringField("clear_message", n.clearMessage);
            }
            g.writeNumberField("alerts", n.alerts);
            g.writeStringField("time", Instant.ofEpochMilli(n.time).toString());
            g.writeStringField("service", identity.service());
            g.writeStringField("server_id", identity.serverId());
            g.writeStringField("node_name", identity.nodeName());
            g.writeStringField("local_machine_name", identity.machine());
            g.writeStringField("host", identity.host());
            g.writeEndObject();
        }
        return out.toString();
    }

    /**
     * Jackson's factory, made at the first webhook notice: every JVM has a notifier, few post, and
     * the 49 classes it loads would add to the first connection's start (a short job's exit).
     */
    private static final class Json {
        static final JsonFactory FACTORY = new JsonFactory();
    }
}
