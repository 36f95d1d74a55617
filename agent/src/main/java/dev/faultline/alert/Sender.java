package dev.faultline.alert;

import dev.faultline.bootstrap.Bridge;
import dev.faultline.core.Diag;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.bson.Document;

/**
 * The {@code faultline-alerts} daemon thread: sends queued notices one by one (each channel has
 * 3 s timeouts), never retries, and hands back the {@code notices} document of each for the
 * writer to store. The writer never waits for it; a full backlog drops the notice and counts it.
 */
final class Sender implements Runnable {
    static final int BACKLOG = 256;

    private final Map<String, Channel> channels;
    private final BlockingQueue<AlertNotice> backlog = new ArrayBlockingQueue<AlertNotice>(BACKLOG);
    private final Queue<Document> done = new ConcurrentLinkedQueue<Document>();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    private final AtomicInteger unsent = new AtomicInteger();
    private Thread thread;

    Sender(Map<String, Channel> channels) {
        this.channels = channels;
    }

    boolean has(String channel) {
        return channels.containsKey(channel);
    }

    /** Writer thread: queues the notice; never waits. */
    void offer(AlertNotice notice) {
        if (thread == null) {
            thread = dev.faultline.core.AgentThreads.daemon(this, "faultline-alerts");
            thread.start();
        }
        unsent.incrementAndGet();
        if (!backlog.offer(notice)) {
            unsent.decrementAndGet();
            dropped.incrementAndGet();
            Diag.warnRateLimited("alerts-backlog", "alert backlog full, notices are being dropped");
        }
    }

    @Override
    public void run() {
        Bridge.markAgentThread();
        while (true) {
            AlertNotice notice;
            try {
                notice = backlog.take();
            } catch (InterruptedException e) {
                return;
            }
            String failure = null;
            try {
                channels.get(notice.channel).send(notice);
                sent.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                failed.incrementAndGet();
                // The exception's class and message only: never the URL (ALERTS.md).
                failure = e.getClass().getSimpleName() + (e instanceof IOException && ownMessage(e.getMessage())
                        ? ": " + e.getMessage() : "");
                Diag.warnRateLimited("alerts-" + notice.channel, notice.channel + " notice failed (" + failure + "); not retried");
            }
            done.add(notice.toDocument(failure == null, failure));
            unsent.decrementAndGet();
        }
    }

    /** Our channels' own messages (HttpPost, SmtpClient) name a step and a code, never a URL or credential. */
    private static boolean ownMessage(String message) {
        return message != null && (message.startsWith("HTTP ") || message.startsWith("SMTP "));
    }

    /** Writer thread: moves the finished notices' documents into {@code into}. */
    void drainDone(List<Document> into) {
        Document d;
        while ((d = done.poll()) != null) {
            into.add(d);
        }
    }

    void awaitSent(long deadlineNanos) {
        while (unsent.get() > 0 && System.nanoTime() < deadlineNanos) {
            LockSupport.parkNanos(10_000_000L);
        }
    }
}
