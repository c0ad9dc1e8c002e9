package org.ccsync.eligibility;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Sends records and waits for the broker's acknowledgements, in bounded batches that keep key order and never
 * overflow the emitter's buffer.
 *
 * <p>The caller holds a JTA transaction (the snapshot's state commits only after its commands are durable). The sends
 * run on a plain thread: Mutiny would otherwise propagate the transaction into the Kafka producer's callback threads,
 * and Narayana then commits "with multiple threads active" and rolls back part of the work. The caller's OpenTelemetry
 * context is carried to that thread, so the records continue the consumed record's trace.
 */
final class AckedSends {

    private static final int BATCH = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ExecutorService SENDER = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "eligibility-kafka-sender");
        thread.setDaemon(true);
        return thread;
    });

    private AckedSends() {
    }

    static <T> void sendAll(List<T> items, Function<T, Uni<Void>> send) {
        if (items.isEmpty()) {
            return;
        }
        try {
            // The caller's trace goes along (not its transaction): the records carry the consumed change's trace.
            CompletableFuture.runAsync(Context.current().wrap(() -> sendInBatches(items, send)), SENDER).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private static <T> void sendInBatches(List<T> items, Function<T, Uni<Void>> send) {
        for (int from = 0; from < items.size(); from += BATCH) {
            List<Uni<Void>> sends = items.subList(from, Math.min(items.size(), from + BATCH)).stream()
                    .map(send)
                    .toList();
            Uni.join().all(sends).andFailFast().await().atMost(TIMEOUT);
        }
    }
}
