package org.ccsync.status;

import io.opentelemetry.context.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a Kafka send-and-wait on a plain thread while the caller's JTA transaction waits. Mutiny would otherwise carry
 * the transaction into the producer's callback threads, and Narayana then commits "with multiple threads active" and
 * rolls back part of the work (seen in eligibility-service). The caller's OpenTelemetry context goes along.
 */
final class OutsideTransaction {

    private static final ExecutorService SENDER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "status-kafka-sender");
        thread.setDaemon(true);
        return thread;
    });

    private OutsideTransaction() {
    }

    static void run(Runnable send) {
        try {
            // The caller's trace goes along (not its transaction), so a "sync now" record continues the HTTP request's.
            CompletableFuture.runAsync(Context.current().wrap(send), SENDER).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
