package org.ccsync.sandbox.canvas;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs one event to its webhook with a 15 s timeout, retrying a failure 3 more times after 200, 400, 800 ms. */
final class WebhookSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final long[] BACKOFF_MILLIS = {200, 400, 800};

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();

    void deliver(EventDelivery delivery) {
        for (int attempt = 0;; attempt++) {
            int status = post(delivery);
            delivery.attempted(status);
            if (status >= 200 && status < 300) {
                delivery.finish(true);
                return;
            }
            if (attempt >= BACKOFF_MILLIS.length || !pause(BACKOFF_MILLIS[attempt])) {
                delivery.finish(false);
                return;
            }
        }
    }

    private int post(EventDelivery delivery) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.webhookUrl())).timeout(TIMEOUT)
                    .header("Content-Type", delivery.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload())).build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
    }

    private static boolean pause(long millis) {
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
