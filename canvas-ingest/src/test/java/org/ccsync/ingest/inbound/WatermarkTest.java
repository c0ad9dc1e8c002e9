package org.ccsync.ingest.inbound;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.ccsync.ingest.CanvasFixture;
import org.ccsync.ingest.CanvasWireMockResource;
import org.ccsync.ingest.domain.AssignmentReader;
import org.ccsync.ingest.domain.MissingCourses;
import org.ccsync.ingest.domain.RosterReader;
import org.ccsync.ingest.domain.ScoreReader;
import org.ccsync.ingest.outbound.ChangePublisher;
import org.ccsync.ingest.outbound.OutcomePublisher;
import org.ccsync.ingest.outbound.canvas.CanvasClient;
import org.ccsync.ingest.persistence.IngestStateRepository;
import org.ccsync.ingest.persistence.SchedulerLease;
import org.ccsync.ingest.platform.IngestConfig;
import org.ccsync.ingest.platform.IngestMetrics;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poll watermark lives in PostgreSQL: each poll asks Canvas {@code graded_since} from the stored one. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CanvasWireMockResource.class, scope = TestResourceScope.GLOBAL)
class WatermarkTest {

    private static final String TENANT = CanvasWireMockResource.SIGNED;
    private static final Duration SKEW = Duration.ofMinutes(5);

    private CanvasFixture canvas;

    @Inject
    IncrementalPoller poller;

    @Inject
    IngestStateRepository state;

    @Inject
    IngestConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    IngestMetrics metrics;

    @Inject
    ChangePublisher changes;

    @Inject
    OutcomePublisher outcomes;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void setUp() {
        canvas = CanvasFixture.connect();
    }

    /** A course with one assignment and its submissions. */
    private String course() {
        String courseId = CanvasFixture.newId();
        canvas.course(courseId);
        String path = CanvasFixture.coursePath(courseId);
        canvas.ok(path + "/assignments", "[" + CanvasFixture.assignmentJson("8950", "Essay",
                Instant.parse("2026-09-01T00:00:00Z")) + "]");
        canvas.ok(path + "/students/submissions", CanvasFixture.submissionsJson("8950"));
        return courseId;
    }

    private List<LoggedRequest> submissionReads(String courseId) {
        return canvas.wm.find(getRequestedFor(urlPathEqualTo(CanvasFixture.coursePath(courseId)
                + "/students/submissions")));
    }

    private List<String> gradedSinceAsked(String courseId) {
        return submissionReads(courseId).stream().map(r -> r.queryParameter("graded_since").firstValue()).toList();
    }

    private Instant storedWatermark(String courseId) {
        return state.course(TENANT, courseId).orElseThrow().gradedSince.toInstant();
    }

    @Test
    void theWatermarkSurvivesARestartAndTheNextPollAsksGradedSinceFromIt() {
        String courseId = course();
        // A watermark left in PostgreSQL by an earlier process.
        Instant left = Instant.parse("2026-11-28T10:00:00Z");
        state.advanceWatermark(TENANT, courseId, left);

        Instant firstPollStart = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        poller.pollCourse(TENANT, courseId);

        assertThat(gradedSinceAsked(courseId)).containsExactly(left.minus(SKEW).toString());
        assertThat(submissionReads(courseId)).allSatisfy(r -> {
            assertThat(r.queryParameter("order").firstValue()).isEqualTo("graded_at");
            assertThat(r.queryParameter("student_ids[]").firstValue()).isEqualTo("all");
        });
        Instant afterFirst = storedWatermark(courseId);
        assertThat(afterFirst).isAfterOrEqualTo(firstPollStart);

        // A restart: a new poller, Canvas client and lease with nothing in memory; only PostgreSQL remembers.
        CanvasClient freshClient = new CanvasClient(config, mapper, metrics);
        IncrementalPoller restarted = new IncrementalPoller(config, freshClient, new RosterReader(freshClient),
                new AssignmentReader(freshClient), new ScoreReader(freshClient), changes, outcomes, state,
                new SchedulerLease(dataSource, config), metrics,
                new MissingCourses(freshClient, changes));
        restarted.pollCourse(TENANT, courseId);

        assertThat(gradedSinceAsked(courseId)).containsExactly(left.minus(SKEW).toString(),
                afterFirst.minus(SKEW).toString());
        assertThat(storedWatermark(courseId)).isAfter(afterFirst);
    }

    @Test
    void theFirstPollOfACourseLooksBackThirtyDays() {
        String courseId = course();
        Instant before = Instant.now();

        poller.pollCourse(TENANT, courseId);

        Instant asked = Instant.parse(gradedSinceAsked(courseId).get(0));
        assertThat(asked).isBetween(before.minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(30)));
        assertThat(storedWatermark(courseId)).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void anUnparseableAnswerFailsOnlyThatCourseAndKeepsItsWatermark() {
        String broken = course();
        String fine = course();
        String unpublished = course();
        canvas.wm.register(CanvasFixture.canvasGet(CanvasFixture.coursePath(broken) + "/students/submissions")
                .atPriority(1).willReturn(okJson("[{\"assignment_id\": ")));
        canvas.wm.register(CanvasFixture.canvasGet("/api/v1/accounts/1/courses").willReturn(okJson("""
                [{"id": %s, "name": "Broken", "workflow_state": "available"},
                 {"id": %s, "name": "Draft", "workflow_state": "unpublished"},
                 {"id": %s, "name": "Fine", "workflow_state": "available"}]
                """.formatted(broken, unpublished, fine))));
        Instant left = Instant.parse("2026-11-28T10:00:00Z");
        state.advanceWatermark(TENANT, broken, left);

        poller.pollDistrict(TENANT, () -> true);

        // Retried as configured for %test, then given up for this round; the next course was still polled.
        assertThat(submissionReads(broken)).hasSize(config.canvas().maxAttempts());
        assertThat(storedWatermark(broken)).isEqualTo(left);
        assertThat(submissionReads(fine)).hasSize(1);
        assertThat(storedWatermark(fine)).isNotNull();
        assertThat(canvas.requests(CanvasFixture.coursePath(unpublished) + "/assignments")).isZero();
    }
}
