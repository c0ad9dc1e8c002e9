package org.ccsync.ingest.outbound.canvas;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Assignment;
import org.ccsync.ingest.outbound.canvas.CanvasModels.AssignmentGroup;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Course;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Enrollment;
import org.ccsync.ingest.outbound.canvas.CanvasModels.GradingPeriod;
import org.ccsync.ingest.outbound.canvas.CanvasModels.GradingPeriods;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Section;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Submission;
import org.ccsync.ingest.platform.IngestConfig;
import org.ccsync.ingest.platform.IngestMetrics;
import org.ccsync.support.EqualJitter;
import org.ccsync.support.Throwables;

/**
 * Reads Canvas REST for one district at a time: bearer token, one request at a time per district,
 * {@code Link rel="next"} pagination, pacing by {@code X-Rate-Limit-Remaining} and {@code X-Request-Cost}, jittered
 * backoff on throttling, 5xx, I/O errors and unparseable answers, and a {@link CanvasTokenRejectedException} on 401.
 */
@ApplicationScoped
public class CanvasClient {

    /** Canvas's 403 body when students/submissions is asked for an assignment that is not published. */
    static final String INVALID_ASSIGNMENT_IDS = "invalid assignment ids requested";
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*?rel=\"?([^\",;]+)\"?");
    private static final List<String> ENROLLMENT_TYPES = List.of("StudentEnrollment", "TeacherEnrollment");
    /** Every state a course's roster keeps; without state[] Canvas returns only active and invited ones. */
    private static final List<String> ENROLLMENT_STATES = List.of("active", "invited", "inactive", "completed");

    private final IngestConfig config;
    private final ObjectMapper mapper;
    private final IngestMetrics metrics;
    private final Map<String, CanvasApi> apis = new ConcurrentHashMap<>();
    private final Map<String, RateBudget> budgets = new ConcurrentHashMap<>();
    // Canvas: "a client that makes no more than one simultaneous request is unlikely to be throttled"; the two
    // listeners and the schedulers share each district's token, so they take turns.
    private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();

    public CanvasClient(IngestConfig config, ObjectMapper mapper, IngestMetrics metrics) {
        this.config = config;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    /** What the last answer said about a district's rate-limit bucket. */
    private record RateBudget(double remaining, double lastCost) {
    }

    /** One parsed page and the URL of the next one, if any. */
    private record Page<T>(T body, String next) {
    }

    /** The course with {@code concluded}. */
    public Course course(String tenant, String courseId) {
        return call(tenant, courseId, "course", "course", api -> api.course(courseId, "concluded"),
                json(Course.class)).body();
    }

    /** The account's published courses, for districts that do not list the courses to keep in sync. */
    public List<Course> publishedCourses(String tenant) {
        String accountId = district(tenant).accountId();
        int perPage = config.canvas().perPage();
        return list(tenant, "account " + accountId, "account_courses",
                api -> api.accountCourses(accountId, true, perPage), new TypeReference<List<Course>>() {
                }).stream().filter(c -> "available".equals(c.workflowState())).toList();
    }

    /** Every assignment of the course with its overrides and base (not overridden) dates. */
    public List<Assignment> assignments(String tenant, String courseId) {
        int perPage = config.canvas().perPage();
        return list(tenant, courseId, "assignments",
                api -> api.assignments(courseId, "overrides", false, perPage), new TypeReference<>() {
                });
    }

    /** One assignment with its overrides, or empty when Canvas no longer has it. */
    public Optional<Assignment> assignment(String tenant, String courseId, String assignmentId) {
        try {
            return Optional.of(call(tenant, courseId, "assignment", "assignment " + assignmentId,
                    api -> api.assignment(courseId, assignmentId, "overrides", false), json(Assignment.class)).body());
        } catch (CanvasNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The submissions of every student, ordered by {@code graded_at}, in as few calls as pagination allows (Canvas
     * pages this order with opaque bookmarks: the {@code next} links are followed as given).
     *
     * @param assignmentIds the assignments to read, all published; empty for every published one
     * @param gradedSince only submissions graded after it; null for all
     * @throws CanvasInvalidAssignmentIdsException when one of {@code assignmentIds} is not published
     */
    public List<Submission> submissions(String tenant, String courseId, List<String> assignmentIds,
            Instant gradedSince) {
        int perPage = config.canvas().perPage();
        // Canvas checks graded_since against Api::ISO8601_REGEX: a full date-time in UTC, never a bare date.
        String since = gradedSince == null ? null : DateTimeFormatter.ISO_INSTANT.format(gradedSince);
        List<String> ids = assignmentIds.isEmpty() ? null : assignmentIds;
        return list(tenant, courseId, "submissions",
                api -> api.submissions(courseId, "all", ids, since, "graded_at", perPage), new TypeReference<>() {
                });
    }

    public List<Section> sections(String tenant, String courseId) {
        int perPage = config.canvas().perPage();
        return list(tenant, courseId, "sections", api -> api.sections(courseId, perPage), new TypeReference<>() {
        });
    }

    /** Student and teacher enrollments in every state but deleted and rejected, each with its state. */
    public List<Enrollment> enrollments(String tenant, String courseId) {
        int perPage = config.canvas().perPage();
        return list(tenant, courseId, "enrollments",
                api -> api.enrollments(courseId, ENROLLMENT_TYPES, ENROLLMENT_STATES, perPage),
                new TypeReference<>() {
                });
    }

    public List<AssignmentGroup> assignmentGroups(String tenant, String courseId) {
        int perPage = config.canvas().perPage();
        return list(tenant, courseId, "assignment_groups", api -> api.assignmentGroups(courseId, perPage),
                new TypeReference<>() {
                });
    }

    public List<GradingPeriod> gradingPeriods(String tenant, String courseId) {
        int perPage = config.canvas().perPage();
        List<GradingPeriod> periods = new ArrayList<>();
        String next = null;
        do {
            String url = next;
            Page<GradingPeriods> page = call(tenant, courseId, "grading_periods", "grading periods",
                    api -> url == null ? api.gradingPeriods(courseId, perPage) : api.page(url),
                    json(GradingPeriods.class));
            if (page.body().gradingPeriods() != null) {
                periods.addAll(page.body().gradingPeriods());
            }
            next = page.next();
        } while (next != null);
        return periods;
    }

    private <T> List<T> list(String tenant, String courseId, String endpoint, Function<CanvasApi, Response> first,
            TypeReference<List<T>> type) {
        List<T> all = new ArrayList<>();
        String next = null;
        do {
            String url = next;
            Page<List<T>> page = call(tenant, courseId, endpoint, endpoint,
                    api -> url == null ? first.apply(api) : api.page(url), body -> mapper.readValue(body, type));
            all.addAll(page.body());
            next = page.next();
        } while (next != null);
        return all;
    }

    private <T> BodyParser<T> json(Class<T> type) {
        return body -> Objects.requireNonNull(mapper.readValue(body, type), "empty body");
    }

    /** Parses a response body; any exception means the answer is unusable. */
    @FunctionalInterface
    private interface BodyParser<T> {
        T parse(String body) throws Exception;
    }

    /**
     * One request with its retries.
     *
     * @param endpoint the endpoint's name in metrics, e.g. {@code submissions}
     * @param what the request in log lines and errors, e.g. {@code assignment 12}
     */
    private <T> Page<T> call(String tenant, String courseId, String endpoint, String what,
            Function<CanvasApi, Response> request, BodyParser<T> parser) {
        CanvasApi api = api(tenant);
        Semaphore turn = inFlight.computeIfAbsent(tenant, t -> new Semaphore(1, true));
        int maxAttempts = Math.max(1, config.canvas().maxAttempts());
        String lastProblem = "no attempt";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            int status;
            String body;
            String link;
            acquire(turn);
            try {
                pace(tenant);
                try (Response response = request.apply(api)) {
                    status = response.getStatus();
                    body = response.hasEntity() ? response.readEntity(String.class) : "";
                    link = response.getHeaderString("Link");
                    Double cost = recordBudget(tenant, response);
                    metrics.canvasRequest(tenant, endpoint, Integer.toString(status), cost);
                } catch (ProcessingException e) {
                    metrics.canvasRequest(tenant, endpoint, "io_error", null);
                    lastProblem = "I/O error " + e.getClass().getSimpleName();
                    Log.warnf("Canvas %s of course %s/%s failed (attempt %d/%d): %s", what, tenant, courseId,
                            attempt, maxAttempts, Throwables.rootMessage(e));
                    status = -1;
                    body = null;
                    link = null;
                }
            } finally {
                turn.release();
            }
            if (status < 0) {
                backoff(attempt);
                continue;
            }
            if (status != 401) {
                metrics.tokenValid(tenant, true);
            }
            if (status >= 200 && status < 300) {
                try {
                    return new Page<>(parser.parse(body), nextLink(tenant, link));
                } catch (Exception e) {
                    lastProblem = "unparseable answer";
                    Log.warnf("Canvas %s of course %s/%s did not parse (attempt %d/%d): %s", what, tenant, courseId,
                            attempt, maxAttempts, Throwables.rootMessage(e));
                    backoff(attempt);
                    continue;
                }
            }
            if (status == 401) {
                metrics.tokenValid(tenant, false);
                throw new CanvasTokenRejectedException(
                        "Canvas rejected the token of district " + tenant + " reading " + what + ".");
            }
            if (status == 429 || (status == 403 && body != null && body.contains("Rate Limit Exceeded"))) {
                lastProblem = "throttled";
                Log.infof("Canvas throttled %s of course %s/%s (attempt %d/%d)", what, tenant, courseId, attempt,
                        maxAttempts);
                metrics.throttleWait(tenant, backoff(attempt));
                continue;
            }
            if (status == 404) {
                throw new CanvasNotFoundException("Canvas has no " + what + " (" + tenant + "/" + courseId + ").");
            }
            if (status == 403 && body != null && body.contains(INVALID_ASSIGNMENT_IDS)) {
                throw new CanvasInvalidAssignmentIdsException("Canvas refused " + what + " of course " + courseId
                        + ": " + INVALID_ASSIGNMENT_IDS + " (an assignment named is not published).");
            }
            if (status >= 500) {
                lastProblem = "HTTP " + status;
                Log.warnf("Canvas answered %d to %s of course %s/%s (attempt %d/%d)", status, what, tenant, courseId,
                        attempt, maxAttempts);
                backoff(attempt);
                continue;
            }
            throw new CanvasRequestException("Canvas answered " + status + " to " + what + " of course " + courseId
                    + ".");
        }
        throw new CanvasUnavailableException("Canvas " + what + " of course " + tenant + "/" + courseId
                + " failed after " + maxAttempts + " attempts (" + lastProblem + ").");
    }

    /** The next-page URL; one on another host than the district's Canvas is refused so the token never leaks. */
    private String nextLink(String tenant, String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Matcher matcher = LINK.matcher(header);
        while (matcher.find()) {
            if (List.of(matcher.group(2).trim().split("\\s+")).contains("next")) {
                String url = matcher.group(1);
                URI next = URI.create(url);
                URI base = URI.create(district(tenant).canvasBaseUrl());
                if (!Objects.equals(next.getScheme(), base.getScheme()) || !Objects.equals(next.getHost(),
                        base.getHost()) || next.getPort() != base.getPort()) {
                    throw new CanvasRequestException("Canvas pagination pointed to another host.");
                }
                return url;
            }
        }
        return null;
    }

    /** Remembers what the answer says about the bucket; returns the request's cost when Canvas sent one. */
    private Double recordBudget(String tenant, Response response) {
        Double cost = number(response.getHeaderString("X-Request-Cost"));
        Double remaining = number(response.getHeaderString("X-Rate-Limit-Remaining"));
        if (remaining != null) {
            budgets.put(tenant, new RateBudget(remaining, cost == null ? 0 : cost));
        }
        return cost;
    }

    private void pace(String tenant) {
        RateBudget budget = budgets.get(tenant);
        if (budget == null) {
            return;
        }
        Duration wait = pacingDelay(budget.remaining(), budget.lastCost(), config.canvas().rateLimitFloor(),
                config.canvas().rateLimitDrainPerSecond(), config.canvas().backoffMax());
        if (!wait.isZero()) {
            Log.debugf("pacing Canvas calls of district %s for %d ms", tenant, wait.toMillis());
            sleep(wait);
            metrics.throttleWait(tenant, wait);
        }
    }

    /**
     * How long to wait before the next call: nothing while the bucket, less the last call's cost, stays above the
     * floor; otherwise the time the bucket needs to drain back to the floor, capped.
     */
    static Duration pacingDelay(double remaining, double lastCost, double floor, double drainPerSecond,
            Duration max) {
        double projected = remaining - Math.max(0, lastCost);
        if (projected >= floor || drainPerSecond <= 0) {
            return Duration.ZERO;
        }
        long millis = (long) Math.ceil((floor - projected) / drainPerSecond * 1000);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** Waits before the next attempt, if there is one; returns how long. */
    private Duration backoff(int attempt) {
        if (attempt >= config.canvas().maxAttempts()) {
            return Duration.ZERO;
        }
        Duration delay = EqualJitter.delay(attempt, config.canvas().backoffBase(), config.canvas().backoffMax());
        sleep(delay);
        return delay;
    }

    private static void acquire(Semaphore turn) {
        try {
            turn.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanvasUnavailableException("interrupted while waiting for the district's Canvas turn");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanvasUnavailableException("interrupted while waiting for Canvas");
        }
    }

    private static Double number(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Double.valueOf(header.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private IngestConfig.District district(String tenant) {
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
