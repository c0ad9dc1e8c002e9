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
    private static final int MAX_RESPONSE_CHARS = 4000;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();

    void deliver(EventDelivery delivery) {
        for (int attempt = 0;; attempt++) {
            HttpResponse<String> answer = post(delivery);
            int status = answer == null ? 0 : answer.statusCode();
            delivery.attempted(status, answer == null ? null : truncate(answer.body()));
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

    private static String truncate(String body) {
        return body == null || body.length() <= MAX_RESPONSE_CHARS ? body : body.substring(0, MAX_RESPONSE_CHARS);
    }

    /** The answer, or null when the connection failed. */
    private HttpResponse<String> post(EventDelivery delivery) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.webhookUrl())).timeout(TIMEOUT)
                    .header("Content-Type", delivery.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload())).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
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
