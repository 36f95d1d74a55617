package dev.faultline.bench;

import de.bwaldvogel.mongo.MongoServer;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One java.util.logging call per operation, to a do-nothing handler. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JulBenchmark {
    private final IllegalStateException failure = new IllegalStateException("payment declined");
    private MongoServer server;
    private Logger log;
    private int orderId;

    @Setup
    public void setUp() {
        server = BenchMongo.start();
        log = discardingLogger();
    }

    /** JUL at INFO with one handler that does nothing, so only the logging path is measured. */
    static Logger discardingLogger() {
        Logger log = Logger.getLogger("com.example.shop.Checkout");
        log.setUseParentHandlers(false);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                // the application's own handler: nothing, so only the logging path is measured
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return log;
    }

    @TearDown
    public void tearDown() {
        server.shutdownNow();
    }

    @Benchmark
    public void severeWithException() {
        log.log(Level.SEVERE, "order " + (++orderId) + " failed", failure);
    }

    @Benchmark
    public void severeWithoutException() {
        log.log(Level.SEVERE, "order {0} failed", ++orderId);
    }

    @Benchmark
    public void infoBelowCaptureLevel() {
        log.log(Level.INFO, "order {0} shipped", ++orderId);
    }

    /** FINE below the logger's level (INFO): JUL returns before it builds a {@code LogRecord}, the agent's hook. */
    @Benchmark
    public void fineBelowLogLevel() {
        log.log(Level.FINE, "order {0} priced", ++orderId);
    }
}
