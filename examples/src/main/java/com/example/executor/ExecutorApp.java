package com.example.executor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tasks and CompletableFuture stages that fail: those whose outcome nobody ever reads ("... lost",
 * and one future failed by its own {@code orTimeout}), and as many whose failure the application
 * reads or handles ("... seen", "... handled"), plus a task that succeeds and is never read. Only
 * the lost ones are failures nobody sees.
 */
public class ExecutorApp {
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, named("export"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(named("scheduler"));
        Jobs jobs = new Jobs();

        fireAndForget(pool, scheduler, jobs);
        observe(pool, scheduler, jobs);
        stagesFailingAtOnceOrLater(pool, jobs);
        stagesReadOrHandled(pool, jobs);

        pool.shutdown();
        scheduler.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        System.gc(); // a long-running service would collect the dropped futures sooner or later
        System.out.println("executor: done");
    }

    /** The futures are dropped here: nobody can ever read them. */
    static void fireAndForget(ExecutorService pool, ScheduledExecutorService scheduler, Jobs jobs) {
        pool.submit(() -> jobs.fail("export lost"));
        CompletableFuture.supplyAsync(() -> jobs.fail("prices lost"), pool);
        CompletableFuture.runAsync(() -> jobs.fail("audit lost"), pool);
        scheduler.schedule(() -> jobs.fail("rotate lost"), 1, TimeUnit.MILLISECONDS);
        pool.submit(() -> 42); // succeeds, never read: nothing to record
    }

    static void observe(ExecutorService pool, ScheduledExecutorService scheduler, Jobs jobs) throws InterruptedException {
        try {
            pool.submit(() -> jobs.fail("export seen")).get();
        } catch (ExecutionException e) {
            System.out.println("export failure seen: " + e.getCause().getMessage());
        }
        double price = CompletableFuture.supplyAsync(() -> Double.valueOf(jobs.fail("prices seen")), pool)
                .exceptionally(e -> -1.0).join();
        System.out.println("price fallback " + price);
        CompletableFuture.supplyAsync(() -> jobs.fail("prices handled"), pool)
                .handle((v, e) -> e == null ? v : "fallback");
        CompletableFuture<Void> audit = CompletableFuture.runAsync(() -> jobs.fail("audit seen late"), pool);
        while (!audit.isDone()) {
            Thread.onSpinWait();
        }
        audit.whenComplete((v, e) -> System.out.println("audit failure seen late: " + e.getCause().getMessage()));
        Future<?> rotate = scheduler.schedule(() -> jobs.fail("rotate seen"), 1, TimeUnit.MILLISECONDS);
        try {
            rotate.get();
        } catch (ExecutionException e) {
            System.out.println("rotate failure seen: " + e.getCause().getMessage());
        }
    }

    /**
     * Stages whose result is dropped: some fail at once on this thread (their source is already
     * complete), some later on a pool thread (their source completes there), one is failed by the
     * application itself and one by its own timeout.
     */
    static void stagesFailingAtOnceOrLater(ExecutorService pool, Jobs jobs) throws Exception {
        CompletableFuture.completedFuture("q").thenApply(q -> jobs.fail("quote lost at once"));
        CompletableFuture<String> done = CompletableFuture.supplyAsync(() -> "i", pool);
        done.join();
        done.thenAccept(i -> jobs.fail("invoice lost at once"));
        CompletableFuture.completedFuture("l").thenCompose(l -> CompletableFuture.completedFuture(jobs.fail("ledger lost at once")));
        CompletableFuture.completedFuture("n").whenComplete((n, e) -> jobs.fail("notify lost at once"));
        CompletableFuture<String> gate = new CompletableFuture<>();
        gate.thenApply(q -> jobs.fail("quote lost later"));
        gate.whenComplete((n, e) -> jobs.fail("notify lost later"));
        pool.submit(() -> gate.complete("g")).get(); // the stages run on the pool thread
        new CompletableFuture<String>().completeExceptionally(new IllegalStateException("refund lost"));
        CompletableFuture<String> timed = new CompletableFuture<String>().orTimeout(1, TimeUnit.MILLISECONDS);
        while (!timed.isDone()) {
            Thread.onSpinWait();
        }
    }

    static void stagesReadOrHandled(ExecutorService pool, Jobs jobs) throws Exception {
        try {
            CompletableFuture.completedFuture("q").thenApply(q -> jobs.fail("quote seen at once")).join();
        } catch (CompletionException e) {
            System.out.println("quote failure seen: " + e.getCause().getMessage());
        }
        CompletableFuture.completedFuture("q").thenApply(q -> jobs.fail("quote handled at once")).exceptionally(e -> "fallback");
        CompletableFuture.completedFuture("n").whenComplete((n, e) -> jobs.fail("notify handled at once")).handle((n, e) -> "fallback");
        CompletableFuture<String> gate = new CompletableFuture<>();
        gate.thenApply(q -> jobs.fail("quote handled later")).handle((q, e) -> "fallback");
        pool.submit(() -> gate.complete("g")).get();
        CompletableFuture<String> refund = new CompletableFuture<>();
        refund.completeExceptionally(new IllegalStateException("refund seen"));
        try {
            refund.join();
        } catch (CompletionException e) {
            System.out.println("refund failure seen: " + e.getCause().getMessage());
        }
        CompletableFuture<String> ledger = new CompletableFuture<>();
        ledger.completeExceptionally(new IllegalStateException("ledger handled through compose"));
        CompletableFuture.completedFuture("l").thenCompose(l -> ledger).handle((l, e) -> "fallback");
        CompletableFuture<String> mirror = new CompletableFuture<>();
        mirror.completeExceptionally(new IllegalStateException("mirror handled through anyOf"));
        CompletableFuture.anyOf(mirror).handle((m, e) -> "fallback");
        try {
            new CompletableFuture<String>().orTimeout(1, TimeUnit.MILLISECONDS).join();
        } catch (CompletionException e) {
            System.out.println("timeout seen: " + e.getCause().getClass().getSimpleName());
        }
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> new Thread(r, prefix + "-" + n.incrementAndGet());
    }
}
