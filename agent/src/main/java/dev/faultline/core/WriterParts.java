package dev.faultline.core;

import dev.faultline.alert.Alerts;
import dev.faultline.bootstrap.TraceContext;
import dev.faultline.capture.CodeNames;
import dev.faultline.capture.Identity;
import dev.faultline.capture.RecordFactory;
import dev.faultline.capture.Trails;
import dev.faultline.codes.CodeUpdates;
import dev.faultline.codes.ErrorCodeTracker;
import dev.faultline.codes.Notifier;
import dev.faultline.config.Config;
import dev.faultline.instrument.Weaving;
import dev.faultline.intake.FirstCapture;
import dev.faultline.intake.Frames;
import dev.faultline.intake.SiteBoundary;
import dev.faultline.pipeline.Pipeline;
import dev.faultline.store.Writer;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import org.bson.Document;

/**
 * The writer's parts, made on the writer thread: at its start, finishing the weaving premain left
 * for later; at their first use, the identity (host name look-up), the record factory, the
 * notifier and the pipeline. None of this may run in premain.
 */
final class WriterParts implements Writer.Parts {
    private final Config config;
    private final ErrorCodeTracker tracker;
    /** The error codes' names, whose redactor the records share (made with them, below). */
    private final CodeNames codeNames;
    private final Weaving weaving;
    private final Instrumentation inst;
    private final LastHook lastHook;
    private volatile Notifier notifier;
    private volatile Alerts alerts;
    private Identity identity;
    private CodeUpdates codes;
    private volatile Pipeline pipeline;

    WriterParts(Config config, ErrorCodeTracker tracker, CodeNames codeNames, Weaving weaving, Instrumentation inst, LastHook lastHook) {
        this.lastHook = lastHook;
        this.config = config;
        this.tracker = tracker;
        this.codeNames = codeNames;
        this.weaving = weaving;
        this.inst = inst;
    }

    @Override
    public void start() {
        lastHook.moveAfterApplicationHooks(inst);
        String framesUnknown = Frames.open(inst);
        if (framesUnknown != null) {
            Diag.debug("exceptions without frames are located from their chain only (no call site): " + framesUnknown);
        }
        String julSourceUnknown = SiteBoundary.open(inst);
        if (julSourceUnknown != null) {
            Diag.debug("a JUL record's explicit source class and method are not read (call site by the stack): " + julSourceUnknown);
        }
        TraceContext.prime();
    }

    /**
     * The record's parts, made at their first use: the writer asks for them once the MongoDB
     * client's quiet start is over (the first captured event, a spool to replay, or the end of
     * the application's start-up), so that their ~250 classes (host name look-up, regular
     * expressions, the JSON factory, the notice threads) do not compete with that start-up.
     */
    private synchronized void build() {
        if (pipeline != null) {
            return;
        }
        // After the quiet start as the rest (not competing with the application's start-up): an
        // error logged from then on finds the JDK's part of the capture path ready.
        long start = System.nanoTime();
        FirstCapture.prime();
        Diag.debug("the capture path warmed up in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        identity = Identity.of(config);
        Notifier n = new Notifier(config.notifyWebhook(), identity);
        codes = new CodeUpdates(tracker, identity, n);
        alerts = Alerts.of(config.notifyWebhook(), config.notifySlack(), config.notifySmtp());
        notifier = n;
        pipeline = new Pipeline(new RecordFactory(config, identity, codeNames), tracker, codes,
                new Trails(config.breadcrumbsSize(), config.maxMessageLength()));
    }

    @Override
    public boolean applicationStarting() {
        return weaving.applicationStarting();
    }

    @Override
    public Pipeline pipeline() {
        build();
        return pipeline;
    }

    @Override
    public CodeUpdates codes() {
        build();
        return codes;
    }

    @Override
    public Alerts alerts() {
        build();
        return alerts;
    }

    @Override
    public void describe(Document health) {
        build();
        Notifier n = notifier;
        health.append("notices_sent", n.sent.get()).append("notices_failed", n.failed.get());
        Map<String, Long> skipped = pipeline.groupingRules().skipped();
        if (!skipped.isEmpty()) {
            health.append("grouping_rules_skipped", new Document(skipped));
        }
        alerts.describe(health);
        identity.appendTo(health);
    }

    @Override
    public void awaitNotices(long deadline) {
        Notifier n = notifier;
        if (n != null) {
            n.awaitSent(deadline);
            alerts.awaitSent(deadline);
        }
    }
}
