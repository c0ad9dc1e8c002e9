package org.ccsync.sandbox.canvas;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs tasks one after another per course on daemon threads, so one slow course does not hold up another. */
final class CourseOrderedExecutor implements AutoCloseable {

    private final AtomicInteger threadCount = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "canvas-sim-delivery-" + threadCount.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Long, CompletableFuture<Void>> tails = new HashMap<>();

    synchronized void submit(long courseId, Runnable task) {
        CompletableFuture<Void> tail = tails.getOrDefault(courseId, CompletableFuture.completedFuture(null));
        tails.put(courseId, tail.exceptionally(failure -> null).thenRunAsync(task, pool));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
