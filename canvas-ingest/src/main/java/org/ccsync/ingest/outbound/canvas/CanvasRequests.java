package org.ccsync.ingest.outbound.canvas;

import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.ccsync.ingest.platform.IngestConfig;
import org.ccsync.ingest.platform.IngestMetrics;
import org.ccsync.support.EqualJitter;
import org.ccsync.support.Throwables;

/**
 * One Canvas request of a district with its retries: its turn and pacing ({@link CanvasPacing}), the answer's status
 * mapped to a result or an exception, and jittered backoff (SmallRye Fault Tolerance) on throttling, 5xx, I/O errors
 * and unparseable answers.
 */
final class CanvasRequests {

    /** Canvas's 403 body when students/submissions is asked for an assignment that is not published. */
    static final String INVALID_ASSIGNMENT_IDS = "invalid assignment ids requested";

    private final IngestConfig config;
    private final IngestMetrics metrics;
    private final CanvasPacing pacing;
    private final Map<String, CanvasApi> apis = new ConcurrentHashMap<>();
    private final Guard retry;

    CanvasRequests(IngestConfig config, IngestMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.pacing = new CanvasPacing(config.canvas(), metrics);
        IngestConfig.Canvas canvas = config.canvas();
        this.retry = Guard.create().withRetry()
                .maxRetries(Math.max(1, canvas.maxAttempts()) - 1)
                // Bounded by max-attempts and backoff-max instead; the jitter is EqualJitter's.
                .maxDuration(Long.MAX_VALUE / 2, ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .retryOn(Transient.class)
                .withCustomBackoff().strategy(() -> new EqualJitterBackoff(canvas, metrics)).done()
                .done().build();
    }

    /** One parsed page and the URL of the next one, if any. */
    record Page<T>(T body, String next) {
    }

    /** Parses a response body; any exception means the answer is unusable. */
    @FunctionalInterface
    interface BodyParser<T> {
        T parse(String body) throws Exception;
    }

    /**
     * One request with its retries.
     *
     * @param endpoint the endpoint's name in metrics, e.g. {@code submissions}
     * @param what the request in log lines and errors, e.g. {@code assignment 12}
     */
    @SuppressWarnings("unchecked")
    <T> Page<T> send(String tenant, String courseId, String endpoint, String what,
            Function<CanvasApi, Response> request, BodyParser<T> parser) {
        CanvasApi api = api(tenant);
        int maxAttempts = Math.max(1, config.canvas().maxAttempts());
        int[] attempt = {0};
        try {
            return retry.get(() -> attempt(api, tenant, courseId, endpoint, what, request, parser, ++attempt[0],
                    maxAttempts), Page.class);
        } catch (Transient e) {
            throw new CanvasUnavailableException("Canvas " + what + " of course " + tenant + "/" + courseId
                    + " failed after " + maxAttempts + " attempts (" + e.getMessage() + ").");
        }
    }

    private <T> Page<T> attempt(CanvasApi api, String tenant, String courseId, String endpoint, String what,
            Function<CanvasApi, Response> request, BodyParser<T> parser, int attempt, int maxAttempts) {
        int status;
        String body;
        Link next;
        pacing.acquire(tenant);
        try (Response response = request.apply(api)) {
            status = response.getStatus();
            body = response.hasEntity() ? response.readEntity(String.class) : "";
            next = nextLink(response);
            Double cost = pacing.record(tenant, response);
            metrics.canvasRequest(tenant, endpoint, Integer.toString(status), cost);
        } catch (ProcessingException e) {
            metrics.canvasRequest(tenant, endpoint, "io_error", null);
            Log.warnf("Canvas %s of course %s/%s failed (attempt %d/%d): %s", what, tenant, courseId, attempt,
                    maxAttempts, Throwables.rootMessage(e));
            throw new Transient("I/O error " + e.getClass().getSimpleName(), null);
        } finally {
            pacing.release(tenant);
        }
        if (status != 401) {
            metrics.tokenValid(tenant, true);
        }
        if (status >= 200 && status < 300) {
            T parsed;
            try {
                parsed = parser.parse(body);
            } catch (Exception e) {
                Log.warnf("Canvas %s of course %s/%s did not parse (attempt %d/%d): %s", what, tenant, courseId,
                        attempt, maxAttempts, Throwables.rootMessage(e));
                throw new Transient("unparseable answer", null);
            }
            return new Page<>(parsed, NextPageLink.of(next, district(tenant).canvasBaseUrl()));
        }
        if (status == 401) {
            metrics.tokenValid(tenant, false);
            throw new CanvasTokenRejectedException(
                    "Canvas rejected the token of district " + tenant + " reading " + what + ".");
        }
        if (status == 429 || (status == 403 && body != null && body.contains("Rate Limit Exceeded"))) {
            Log.infof("Canvas throttled %s of course %s/%s (attempt %d/%d)", what, tenant, courseId, attempt,
                    maxAttempts);
            if (attempt >= maxAttempts) {
                metrics.throttleWait(tenant, Duration.ZERO);
            }
            throw new Transient("throttled", tenant);
        }
        if (status == 404) {
            throw new CanvasNotFoundException("Canvas has no " + what + " (" + tenant + "/" + courseId + ").");
        }
        if (status == 403 && body != null && body.contains(INVALID_ASSIGNMENT_IDS)) {
            throw new CanvasInvalidAssignmentIdsException("Canvas refused " + what + " of course " + courseId
                    + ": " + INVALID_ASSIGNMENT_IDS + " (an assignment named is not published).");
        }
        if (status >= 500) {
            Log.warnf("Canvas answered %d to %s of course %s/%s (attempt %d/%d)", status, what, tenant, courseId,
                    attempt, maxAttempts);
            throw new Transient("HTTP " + status, null);
        }
        throw new CanvasRequestException("Canvas answered " + status + " to " + what + " of course " + courseId
                + ".");
    }

    /** The answer's {@code Link rel="next"}, as JAX-RS parses the header; an unreadable header is no next page. */
    private static Link nextLink(Response response) {
        try {
            return response.getLink("next");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A failure worth another attempt; its message names the problem. */
    private static final class Transient extends RuntimeException {
        /** The district whose answer said it is throttled; null for other problems. */
        private final String throttledTenant;

        Transient(String problem, String throttledTenant) {
            super(problem, null, false, false);
            this.throttledTenant = throttledTenant;
        }
    }

    /** service-support's equal-jitter backoff per attempt; a wait after throttling is counted as a throttle wait. */
    private static final class EqualJitterBackoff implements CustomBackoffStrategy {
        private final IngestConfig.Canvas canvas;
        private final IngestMetrics metrics;
        private int attempt;

        EqualJitterBackoff(IngestConfig.Canvas canvas, IngestMetrics metrics) {
            this.canvas = canvas;
            this.metrics = metrics;
        }

        @Override
        public long nextDelayInMillis(Throwable failure) {
            attempt++;
            Duration delay = EqualJitter.delay(attempt, canvas.backoffBase(), canvas.backoffMax());
            if (failure instanceof Transient t && t.throttledTenant != null) {
                metrics.throttleWait(t.throttledTenant, delay);
            }
            return delay.toMillis();
        }
    }

    IngestConfig.District district(String tenant) {
        IngestConfig.District district = config.districts().get(tenant);
        if (district == null) {
            throw new CanvasRequestException("No district is configured as " + tenant + ".");
        }
        return district;
    }

    private CanvasApi api(String tenant) {
        return apis.computeIfAbsent(tenant, t -> {
            IngestConfig.District district = district(t);
            String authorization = "Bearer " + district.canvasToken();
            ClientRequestFilter bearer = context -> context.getHeaders().putSingle(HttpHeaders.AUTHORIZATION,
                    authorization);
            return QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(district.canvasBaseUrl()))
                    .connectTimeout(config.canvas().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(config.canvas().readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .disableDefaultMapper(true)
                    .followRedirects(false)
                    .register(bearer)
                    .build(CanvasApi.class);
        });
    }
}
