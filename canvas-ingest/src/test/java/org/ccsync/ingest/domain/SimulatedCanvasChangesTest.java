package org.ccsync.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.CanvasEventReceived;
import org.ccsync.contracts.ChangeScope;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.Topics;
import org.ccsync.ingest.CanvasSimulatorResource;
import org.ccsync.ingest.InjectCanvasSimulator;
import org.ccsync.ingest.persistence.IngestStateRepository;
import org.ccsync.sandbox.canvas.AssignmentPatch;
import org.ccsync.sandbox.canvas.CanvasControl;
import org.ccsync.sandbox.canvas.CanvasSimulator;
import org.ccsync.sandbox.canvas.EmittedEvent;
import org.ccsync.sandbox.canvas.GradeChange;
import org.ccsync.sandbox.canvas.Submission;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.Test;

/**
 * Changes made in the Canvas simulator, delivered as its signed Live Events to the webhook, reach canvas-changes:
 * a late-penalty recalculation, a cleared grade and a quiz pending review as score snapshots; a concluded course,
 * an inactive enrollment and a renamed assignment group through the roster and assignment re-reads.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CanvasSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SimulatedCanvasChangesTest {

    private static final String TENANT = CanvasSimulatorResource.TENANT;
    private static final String KEY = TENANT + "/101";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Homework 4 of Biology: 15 points, due 2026-11-25T23:59:00Z; Biology deducts 10 % per started day late. */
    private static final long HOMEWORK_4 = 417;
    private static final Instant HOMEWORK_4_DUE = Instant.parse("2026-11-25T23:59:00Z");
    private static final long STUDENT = 5006;

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    /** Snapshots read before it belong to other tests of the same simulator and broker. */
    private final Instant testStart = Instant.now();

    @InjectCanvasSimulator
    CanvasSimulator simulator;

    @TestHTTPResource("/webhooks/canvas/" + TENANT)
    URL webhook;

    @Inject
    IngestStateRepository state;

    /** Sends the simulator's events to the webhook while the action runs, and waits until all were delivered. */
    private void withLiveEvents(Runnable action) {
        CanvasControl control = simulator.control();
        int before = control.events().size();
        control.setWebhookUrl(webhook.toString());
        try {
            action.run();
            await().atMost(WAIT).until(() -> control.events().stream().skip(before)
                    .allMatch(e -> e.delivery() == EmittedEvent.Delivery.DELIVERED));
        } finally {
            control.setWebhookUrl(null);
        }
        assertThat(control.events().size()).isGreaterThan(before);
    }

    /** Waits until every trigger sent for course 101 so far was handled (a covered sentinel after them). */
    private void awaitTriggersConsumed() {
        CanvasEventReceived sentinel = new CanvasEventReceived(UUID.randomUUID().toString(), Instant.now(), TENANT,
                "101", "course_section_updated", ChangeScope.ROSTER, null, null,
                Instant.parse("2000-01-01T00:00:00Z").toEpochMilli());
        kafka.sendJson(Topics.CANVAS_TRIGGERS, KEY, sentinel);
        await().atMost(WAIT).until(() -> state.isProcessed(sentinel.eventId()));
    }

    private List<ScoreChanged> scores(long assignmentId, long userId, Predicate<ScoreChanged> match) {
        return kafka.currentRecords(Topics.CANVAS_CHANGES, r -> KEY.equals(r.key())
                && r.value().contains("ScoreChanged") && r.value().contains("\"assignmentId\":\"" + assignmentId + "\"")
                && r.value().contains("\"userId\":\"" + userId + "\""))
                .stream().map(r -> KafkaTestClient.read(r, ScoreChanged.class))
                .filter(sc -> !sc.occurredAt().isBefore(testStart)).filter(match).toList();
    }

    private static boolean score(ScoreChanged s, Double value) {
        return value == null ? s.score() == null : value.equals(s.score());
    }

    @Test
    void latePenaltyRecalculationClearedGradeAndPendingReviewReachCanvasChanges() {
        CanvasControl control = simulator.control();
        Submission graded = withResult(() -> {
            control.submitAssignment(101, HOMEWORK_4, STUDENT, Instant.parse("2026-11-27T12:00:00Z"));
            return control.gradeSubmission(101, HOMEWORK_4, STUDENT, GradeChange.score(12));
        });
        assertThat(graded.score()).as("two started days late: 3 of 15 points off").isEqualTo(9.0);
        awaitTriggersConsumed();
        ScoreChanged penalised = scores(HOMEWORK_4, STUDENT, s -> score(s, 9.0)).get(0);
        assertThat(penalised.pointsDeducted()).isEqualTo(3.0);
        assertThat(penalised.late()).isTrue();

        try {
            // The due date moves a day later: Canvas rewrites score and points_deducted, graded_at stays.
            withLiveEvents(() -> control.updateAssignment(101, HOMEWORK_4,
                    AssignmentPatch.none().withDueAt(HOMEWORK_4_DUE.plus(Duration.ofDays(1)))));
            awaitTriggersConsumed();
            ScoreChanged recalculated = scores(HOMEWORK_4, STUDENT, s -> score(s, 10.5)).get(0);
            assertThat(recalculated.pointsDeducted()).isEqualTo(1.5);
            assertThat(recalculated.gradedAt()).isEqualTo(penalised.gradedAt());
            assertThat(recalculated.sourceVersion()).isEqualTo(penalised.sourceVersion());
            assertThat(recalculated.eventId()).isNotEqualTo(penalised.eventId());

            // The teacher clears the grade: a snapshot without grade, not older than the graded one.
            withLiveEvents(() -> control.clearGrade(101, HOMEWORK_4, STUDENT));
            awaitTriggersConsumed();
            ScoreChanged cleared = scores(HOMEWORK_4, STUDENT, s -> score(s, null)).get(0);
            assertThat(cleared.hasGrade()).isFalse();
            assertThat(cleared.sourceVersion()).isGreaterThanOrEqualTo(recalculated.sourceVersion());
            assertThat(cleared.eventId()).isNotEqualTo(recalculated.eventId());
        } finally {
            control.updateAssignment(101, HOMEWORK_4, AssignmentPatch.none().withDueAt(HOMEWORK_4_DUE));
        }

        // A quiz whose essay waits for the teacher: its partial score arrives as pending review.
        withLiveEvents(() -> control.submitQuizPendingReview(101, 407, STUDENT, 6));
        awaitTriggersConsumed();
        ScoreChanged pending = scores(407, STUDENT, s -> score(s, 6.0)).get(0);
        assertThat(pending.pendingReview()).isTrue();
        assertThat(pending.hasGrade()).isTrue();
    }

    @Test
    void concludedCourseInactiveEnrollmentAndRenamedGroupReachCanvasChanges() {
        CanvasControl control = simulator.control();
        try {
            withLiveEvents(() -> {
                control.setEnrollmentState(101, 5002, "inactive");
                control.concludeCourse(101);
                control.renameAssignmentGroup(101, 202, "Assessments");
            });
            awaitTriggersConsumed();

            RosterChanged roster = KafkaTestClient.read(kafka.awaitRecords(Topics.CANVAS_CHANGES,
                    r -> KEY.equals(r.key()) && r.value().contains("RosterChanged")
                            && r.value().contains("\"courseConcluded\":true"), 1, WAIT).get(0), RosterChanged.class);
            assertThat(roster.students()).extracting(RosterChanged.Enrollment::userId)
                    .contains("5001", "5002", "5003", "5004", "5005", "5006");
            assertThat(roster.students()).filteredOn(e -> e.userId().equals("5002")).singleElement()
                    .satisfies(e -> assertThat(e.state()).isEqualTo("inactive"));
            assertThat(roster.coursePublished()).isFalse();
            assertThat(roster.teachers()).isNotEmpty();

            List<ConsumerRecord<String, String>> renamed = kafka.awaitRecords(Topics.CANVAS_CHANGES,
                    r -> KEY.equals(r.key()) && r.value().contains("AssignmentChanged")
                            && r.value().contains("\"assignmentId\":\"401\"") && r.value().contains("Assessments"),
                    1, WAIT);
            assertThat(KafkaTestClient.read(renamed.get(0), AssignmentChanged.class).group().name())
                    .isEqualTo("Assessments");
        } finally {
            control.setEnrollmentState(101, 5002, "active");
            control.publishCourse(101);
            control.renameAssignmentGroup(101, 202, "Quizzes");
        }
    }

    @Test
    void aCourseCanvasAnswers404ForIsReportedNotFoundNeverAsItsAssignmentsDeleted() {
        CanvasControl control = simulator.control();
        String algebra = TENANT + "/102";
        control.deleteCourse(102);
        try {
            // A trigger of one of its assignments: Canvas answers 404 for the assignment and for the course.
            CanvasEventReceived trigger = new CanvasEventReceived(UUID.randomUUID().toString(), Instant.now(), TENANT,
                    "102", "assignment_updated", ChangeScope.ASSIGNMENT, "421", null, Instant.now().toEpochMilli());
            kafka.sendJson(Topics.CANVAS_TRIGGERS, algebra, trigger);
            await().atMost(WAIT).until(() -> state.isProcessed(trigger.eventId()));

            RosterChanged notFound = KafkaTestClient.read(kafka.awaitRecords(Topics.CANVAS_CHANGES,
                    r -> algebra.equals(r.key()) && r.value().contains("\"courseNotFound\":true"), 1, WAIT).get(0),
                    RosterChanged.class);
            assertThat(notFound.sourceVersion()).isGreaterThanOrEqualTo(trigger.sourceVersion() - 60_000);
            assertThat(kafka.currentRecords(Topics.CANVAS_CHANGES, r -> algebra.equals(r.key())
                    && r.value().contains("AssignmentChanged") && r.value().contains("\"workflowState\":\"deleted\"")))
                    .as("Canvas's 404 for a gone course is not read as its assignments deleted").isEmpty();
        } finally {
            control.undeleteCourse(102);
            control.publishCourse(102);
        }
    }

    private <T> T withResult(java.util.function.Supplier<T> action) {
        Object[] result = new Object[1];
        withLiveEvents(() -> result[0] = action.get());
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
