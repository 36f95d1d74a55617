package dev.faultline.bench;

import de.bwaldvogel.mongo.MongoServer;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One Log4j2 API call per operation, to a {@code Null} appender (log4j2.xml): through a
 * synchronous logger, and through an async logger (the LMAX Disruptor hands the event to
 * Log4j2's own thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Log4j2Benchmark {
    private final IllegalStateException failure = new IllegalStateException("payment declined");
    private MongoServer server;
    private Logger sync;
    private Logger async;
    private int orderId;

    @Setup
    public void setUp() {
        server = BenchMongo.start();
        sync = LogManager.getLogger("com.example.shop.Checkout");
        async = LogManager.getLogger("com.example.async.Checkout");
    }

    @TearDown
    public void tearDown() {
        server.shutdownNow();
    }

    @Benchmark
    public void syncErrorWithException() {
        sync.error("order {} failed", ++orderId, failure);
    }

    @Benchmark
    public void syncErrorWithoutException() {
        sync.error("order {} failed", ++orderId);
    }

    @Benchmark
    public void syncInfoBelowCaptureLevel() {
        sync.info("order {} shipped", ++orderId);
    }

    /** DEBUG below the configured level (INFO): Log4j2 returns before {@code logMessage}, the agent's hook. */
    @Benchmark
    public void syncDebugBelowLogLevel() {
        sync.debug("order {} priced", ++orderId);
    }

    @Benchmark
    public void asyncErrorWithException() {
        async.error("order {} failed", ++orderId, failure);
    }

    @Benchmark
    public void asyncErrorWithoutException() {
        async.error("order {} failed", ++orderId);
    }
}
