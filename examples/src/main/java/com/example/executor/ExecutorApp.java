package com.example.executor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tasks that fail on executors: four whose outcome nobody ever reads ("... lost"), and as many
 * whose failure the application reads or handles ("... seen", "... handled"), plus a task that
 * succeeds and is never read. Only the lost ones are failures nobody sees.
 */
public class ExecutorApp {
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, named("export"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(named("scheduler"));
        Jobs jobs = new Jobs();

        fireAndForget(pool, scheduler, jobs);
        observe(pool, scheduler, jobs);

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

    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> new Thread(r, prefix + "-" + n.incrementAndGet());
    }
}
