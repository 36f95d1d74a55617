package dev.faultline.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The success path of the futures the executor path hooks (FutureTask, CompletableFuture), which
 * every application runs constantly: {@link Compare} runs it without and with the agent
 * ({@code java -jar benchmarks/target/benchmarks.jar agent/target/faultline-agent.jar ExecutorBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExecutorBenchmark {
    private final Callable<Integer> task = () -> 42;
    private MongoServer server;

    @Setup
    public void setUp() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", Integer.getInteger("bench.mongo.port", 27999));
    }

    @TearDown
    public void tearDown() {
        server.shutdownNow();
    }

    /** What a pool worker and the submitter do for one submit: run, then get. */
    @Benchmark
    public Integer futureTaskRunAndGet() throws InterruptedException, ExecutionException {
        FutureTask<Integer> f = new FutureTask<>(task);
        f.run();
        return f.get();
    }

    /** A completed stage, one dependent, and a join. */
    @Benchmark
    public Integer completableFutureThenApplyJoin() {
        return CompletableFuture.completedFuture(41).thenApply(x -> x + 1).join();
    }
}
