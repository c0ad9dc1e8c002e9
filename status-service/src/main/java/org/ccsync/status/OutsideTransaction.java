package org.ccsync.status;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a Kafka send-and-wait on a plain thread while the caller's JTA transaction waits. Mutiny would otherwise carry
 * the transaction into the producer's callback threads, and Narayana then commits "with multiple threads active" and
 * rolls back part of the work (seen in eligibility-service).
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
            CompletableFuture.runAsync(send, SENDER).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
