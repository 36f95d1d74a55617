package dev.faultline.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import de.bwaldvogel.mongo.MongoServer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One Logback log call per operation, through a real logger with one do-nothing appender (so the
 * figure is the logging path, not an appender's I/O). {@link Compare} runs it in a JVM without the
 * agent and in one with it; the difference is what the agent costs the application thread. The
 * agent writes to an in-process MongoDB started here, so its writer really drains the queue.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LogCallBenchmark {
    private final IllegalStateException failure = new IllegalStateException("payment declined",
            new java.io.IOException("connection reset"));
    private MongoServer server;
    private org.slf4j.Logger log;
    private int orderId;

    /**
     * Entries in the logging thread's MDC, put once per trial: {@code job_id} (as the benchmark
     * always had) and then {@code mdc_01}, {@code mdc_02}, ... with 20-character values. The
     * agent's intake looks at each entry's length (up to 32 of them) on every event it queues
     * ({@code intake.EventSize}); {@code Compare -Dparams=mdcEntries=0,5,30} measures that.
     */
    @Param({"1"})
    public int mdcEntries;

    @Setup
    public void setUp() {
        server = BenchMongo.start();
        log = discardingLogger();
        fillMdc(mdcEntries);
    }

    static void fillMdc(int entries) {
        MDC.clear();
        if (entries > 0) {
            MDC.put("job_id", "job-42");
        }
        for (int i = 1; i < entries; i++) {
            MDC.put(String.format("mdc_%02d", i), String.format("value-%02d-abcdefghijk", i));
        }
    }

    /**
     * JMH runs the trial's set-up on the benchmark thread, which keeps its MDC across iterations;
     * checked here, outside the measurement, so a harness that changed threads cannot go unseen.
     */
    @TearDown(org.openjdk.jmh.annotations.Level.Iteration)
    public void checkMdc() {
        java.util.Map<String, String> mdc = MDC.getCopyOfContextMap();
        int size = mdc == null ? 0 : mdc.size();
        if (size != mdcEntries) {
            throw new IllegalStateException("the benchmark thread's MDC has " + size + " entries, not " + mdcEntries);
        }
    }

    /**
     * Logback at INFO with one appender that does nothing, so only the logging path is measured.
     * With {@code -Dbench.appender=keep} the appender keeps the last event in a field, as every
     * real appender hands the event on (to an encoder, a queue): then the JIT can no longer
     * scalar-replace Logback's event object, with or without the agent (BENCHMARKS.md). With
     * {@code -Dbench.appender=prepare} it does what Logback's console and file appenders do first
     * with each event: the formatted message, the thread's name and the copy of the MDC are made,
     * which the agent's hook would otherwise be the first to ask for.
     */
    static org.slf4j.Logger discardingLogger() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        boolean keep = "keep".equals(System.getProperty("bench.appender"));
        boolean prepare = "prepare".equals(System.getProperty("bench.appender"));
        AppenderBase<ILoggingEvent> discard = new AppenderBase<ILoggingEvent>() {
            private ILoggingEvent last;

            @Override
            protected void append(ILoggingEvent event) {
                // the application's own appender: nothing (or keeps the event), so only the logging path is measured
                if (keep) {
                    last = event;
                }
                if (prepare) {
                    // What Logback's console and file appenders do first with every event
                    // (OutputStreamAppender#subAppend): the message, thread name and MDC copy made.
                    ((ch.qos.logback.core.spi.DeferredProcessingAware) event).prepareForDeferredProcessing();
                }
            }
        };
        discard.setContext(context);
        discard.start();
        root.addAppender(discard);
        SentryAppender.addIfAsked(context, root);
        root.setLevel(Level.INFO);
        return LoggerFactory.getLogger("com.example.shop.Checkout");
    }

    @TearDown
    public void tearDown() {
        server.shutdownNow();
    }

    @Benchmark
    public void errorWithException() {
        log.error("order {} failed", ++orderId, failure);
    }

    @Benchmark
    public void errorWithoutException() {
        log.error("order {} failed", ++orderId);
    }

    /**
     * The same call 120 frames below the benchmark method, as from a web framework's handler:
     * what the agent adds must not grow with the depth.
     */
    @Benchmark
    public void errorWithoutExceptionDeep() {
        deep(DEPTH);
    }

    private static final int DEPTH = 120;

    private void deep(int frames) {
        if (frames == 0) {
            log.error("order {} failed", ++orderId);
        } else {
            deep(frames - 1);
        }
    }

    /**
     * An ERROR carrying an error code that is already active: after the first call every call is
     * suppressed (counted on the episode, not recorded). The MDC put/remove costs the same with
     * and without the agent.
     */
    @Benchmark
    public void errorSuppressedByActiveCode() {
        MDC.put("error_code", "witness_api_invalid_response_bench");
        log.error("order {} failed", ++orderId);
        MDC.remove("error_code");
    }

    /** INFO passes Logback's level but is below Faultline's capture level (ERROR). */
    @Benchmark
    public void infoBelowCaptureLevel() {
        log.info("order {} shipped", ++orderId);
    }

    /**
     * DEBUG below the application's own level (INFO): Logback returns before it builds an event,
     * so nothing of the agent runs (its hook is on {@code callAppenders}).
     */
    @Benchmark
    public void debugBelowLogLevel() {
        log.debug("order {} priced", ++orderId);
    }
}
