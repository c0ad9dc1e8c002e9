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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.CanvasEventReceived;
import org.ccsync.contracts.ChangeScope;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.contracts.Topics;
import org.ccsync.ingest.CanvasSimulatorResource;
import org.ccsync.ingest.InjectCanvasSimulator;
import org.ccsync.ingest.inbound.IncrementalPoller;
import org.ccsync.ingest.persistence.IngestStateRepository;
import org.ccsync.sandbox.canvas.Assignment;
import org.ccsync.sandbox.canvas.CanvasControl;
import org.ccsync.sandbox.canvas.CanvasSimulator;
import org.ccsync.sandbox.canvas.ContextModule;
import org.ccsync.sandbox.canvas.EmittedEvent;
import org.ccsync.sandbox.canvas.EventFormat;
import org.ccsync.sandbox.canvas.GradeChange;
import org.ccsync.sandbox.canvas.NewAssignment;
import org.ccsync.sandbox.canvas.OverrideDates;
import org.ccsync.sandbox.canvas.Submission;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What real Canvas sends, played by the strict simulator (which follows Canvas's source) and delivered as its signed
 * Live Events to the webhook: a draft assignment in a grading burst, overrides that keep the base due date, unassign
 * and module overrides, automatic missing flags, events without a course, and a Caliper subscription.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = CanvasSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RealCanvasTest {

    private static final String TENANT = CanvasSimulatorResource.TENANT;
    private static final String KEY = TENANT + "/101";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant CELL_QUIZ_DUE = Instant.parse("2026-11-20T23:59:00Z");
    private static final Instant HOMEWORK_4_DUE = Instant.parse("2026-11-25T23:59:00Z");
    private static final long[] STUDENTS = {5001, 5002, 5003, 5004, 5005, 5006};

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private Instant testStart;

    @InjectCanvasSimulator
    CanvasSimulator simulator;

    @TestHTTPResource("/webhooks/canvas/" + TENANT)
    URL webhook;

    @Inject
    IncrementalPoller poller;

    @Inject
    IngestStateRepository state;

    @Inject
    ScoreReader scoreReader;

    @BeforeEach
    void steadyState() {
        simulator.control().reset();
        // The course's roster and assignments are known, as after the first poll.
        poller.pollCourse(TENANT, "101");
        testStart = Instant.now();
    }

    @AfterEach
    void resetCanvas() {
        simulator.control().setEventFormat(EventFormat.CANVAS);
        simulator.control().reset();
    }

    /** Sends the simulator's events to the webhook while the action runs, and waits until none is pending. */
    private <T> T withLiveEvents(Supplier<T> action) {
        CanvasControl control = simulator.control();
        int before = control.events().size();
        control.setWebhookUrl(webhook.toString());
        T result;
        try {
            result = action.get();
            await().atMost(WAIT).until(() -> control.events().stream().skip(before)
                    .noneMatch(e -> e.delivery() == EmittedEvent.Delivery.PENDING));
        } finally {
            control.setWebhookUrl(null);
        }
        assertThat(control.events().size()).isGreaterThan(before);
        return result;
    }

    private List<EmittedEvent> eventsSince(int sequence) {
        return simulator.control().events().stream().filter(e -> e.sequence() > sequence).toList();
    }

    /** Waits until the trigger consumer has handled everything sent so far for course 101 (a covered sentinel). */
    private void awaitTriggersConsumed() {
        CanvasEventReceived sentinel = new CanvasEventReceived(UUID.randomUUID().toString(), Instant.now(), TENANT,
                "101", "course_section_updated", ChangeScope.ROSTER, null, null,
                Instant.parse("2000-01-01T00:00:00Z").toEpochMilli());
        kafka.sendJson(Topics.CANVAS_TRIGGERS, KEY, sentinel);
        await().atMost(WAIT).until(() -> state.isProcessed(sentinel.eventId()));
    }

    private List<ScoreChanged> scoresSinceStart(long assignmentId) {
        String assignment = "\"assignmentId\":\"" + assignmentId + "\"";
        return kafka.currentRecords(Topics.CANVAS_CHANGES, r -> KEY.equals(r.key())
                && r.value().contains("ScoreChanged") && r.value().contains(assignment))
                .stream().map(r -> KafkaTestClient.read(r, ScoreChanged.class))
                .filter(s -> !s.occurredAt().isBefore(testStart)).toList();
    }

    /** The first AssignmentChanged of the assignment read since the test began that matches. */
    private AssignmentChanged awaitAssignment(long assignmentId, Predicate<AssignmentChanged> match) {
        String assignment = "\"assignmentId\":\"" + assignmentId + "\"";
        Object[] found = new Object[1];
        await().atMost(WAIT).until(() -> {
            found[0] = kafka.currentRecords(Topics.CANVAS_CHANGES, r -> KEY.equals(r.key())
                    && r.value().contains("AssignmentChanged") && r.value().contains(assignment))
                    .stream().map(r -> KafkaTestClient.read(r, AssignmentChanged.class))
                    .filter(a -> !a.occurredAt().isBefore(testStart)).filter(match).findFirst().orElse(null);
            return found[0] != null;
        });
        return (AssignmentChanged) found[0];
    }

    private static Map<String, Instant> dueBySection(AssignmentChanged a) {
        Map<String, Instant> due = new HashMap<>();
        for (SectionDueDate d : a.sectionDueDates()) {
            due.put(d.sectionId(), d.dueAt());
        }
        return due;
    }

    /**
     * A teacher creates a draft while grading: Canvas refuses a students/submissions call that names the unpublished
     * assignment with 403 "invalid assignment ids requested" (submissions_api_controller.rb, for_students). The
     * burst's re-read must not ask for it, and every score still arrives, with nothing dead-lettered.
     */
    @Test
    void aBurstMixingADraftAssignmentWithScoreChangesSyncsEveryScoreAndDeadLettersNothing() {
        CanvasControl control = simulator.control();
        Map<String, Double> finalScores = new HashMap<>();
        int before = control.events().size();
        Assignment draft = withLiveEvents(() -> {
            for (long student : STUDENTS) {
                finalScores.put("401/" + student, control.gradeSubmission(101, 401, student,
                        GradeChange.score(student - 5000)).score());
            }
            Assignment created = control.createAssignment(101, NewAssignment.named("Lab Draft", 10)
                    .withPublished(false));
            for (long student : STUDENTS) {
                finalScores.put("402/" + student, control.gradeSubmission(101, 402, student,
                        GradeChange.score(10 + student - 5000)).score());
            }
            return created;
        });
        assertThat(control.events().stream().skip(before)).allSatisfy(e -> assertThat(e.status()).isEqualTo(202));
        awaitTriggersConsumed();

        for (long assignmentId : new long[] {401, 402}) {
            Map<String, Double> latest = new HashMap<>();
            scoresSinceStart(assignmentId).forEach(s -> latest.put(s.userId(), s.score()));
            for (long student : STUDENTS) {
                assertThat(latest.get(Long.toString(student))).as("score of %d/%d", assignmentId, student)
                        .isEqualTo(finalScores.get(assignmentId + "/" + student));
            }
        }
        AssignmentChanged published = awaitAssignment(draft.id(), a -> true);
        assertThat(published.published()).isFalse();
        assertThat(kafka.currentRecords(Topics.CANVAS_TRIGGERS + "-dlq", r -> KEY.equals(r.key())
                && Instant.ofEpochMilli(r.timestamp()).isAfter(testStart))).as("dead-lettered triggers").isEmpty();
    }

    /** A score trigger of an assignment unpublished since it was last read: the 403 splits the read, not fails it. */
    @Test
    void anAssignmentUnpublishedSinceItWasReadIsLeftOutOfTheScoreRead() {
        CanvasControl control = simulator.control();
        // Unpublished without an event reaching us; then grades in 401 and a trigger naming the stale one.
        control.updateAssignment(101, 417, org.ccsync.sandbox.canvas.AssignmentPatch.none().withPublished(false));
        Submission graded = withLiveEvents(() -> control.gradeSubmission(101, 401, 5001, GradeChange.score(3.5)));
        kafka.sendJson(Topics.CANVAS_TRIGGERS, KEY, new CanvasEventReceived(UUID.randomUUID().toString(),
                Instant.now(), TENANT, "101", "submission_updated", ChangeScope.SCORE, "417", "5002",
                Instant.now().toEpochMilli()));
        awaitTriggersConsumed();

        assertThat(scoresSinceStart(401)).anySatisfy(s -> {
            assertThat(s.userId()).isEqualTo("5001");
            assertThat(s.score()).isEqualTo(graded.score());
        });
        assertThat(awaitAssignment(417, a -> !a.published()).published()).isFalse();
        assertThat(kafka.currentRecords(Topics.CANVAS_TRIGGERS + "-dlq", r -> KEY.equals(r.key())
                && Instant.ofEpochMilli(r.timestamp()).isAfter(testStart))).isEmpty();
    }

    /**
     * assignment_override_json renders due_at only "if override.due_at_overridden": a section override that only
     * sets availability dates leaves the section the assignment's own due date.
     */
    @Test
    void aSectionOverrideOfOnlyTheAvailabilityKeepsTheBaseDueDate() {
        withLiveEvents(() -> simulator.control().addSectionOverride(101, 401, 1002, OverrideDates.availability(
                Instant.parse("2026-11-16T08:00:00Z"), Instant.parse("2026-12-20T23:59:00Z"))));
        awaitTriggersConsumed();

        AssignmentChanged read = awaitAssignment(401, a -> !a.overrides().isEmpty());
        assertThat(dueBySection(read)).containsEntry("1001", CELL_QUIZ_DUE).containsEntry("1002", CELL_QUIZ_DUE);
    }

    /** Newer Canvas's unassign_item: the section is no longer a target of the assignment. */
    @Test
    void anUnassignedSectionIsNoLongerTargeted() {
        withLiveEvents(() -> simulator.control().unassignSection(101, 417, 1002));
        awaitTriggersConsumed();

        AssignmentChanged read = awaitAssignment(417, a -> !a.overrides().isEmpty() || a.onlyVisibleToOverrides());
        assertThat(dueBySection(read)).containsOnlyKeys("1001").containsEntry("1001", HOMEWORK_4_DUE);
    }

    /**
     * A module assigned to one section: its override (no assignment, no dates) reaches us as an override event that
     * names no assignment, and the module's assignments now target that section only, with their own due date.
     */
    @Test
    void aModuleAssignedToOneSectionDifferentiatesItsAssignments() {
        ContextModule unit = simulator.control().createModule(101, "Unit 3", List.of(417L));
        int before = simulator.control().events().size();
        withLiveEvents(() -> simulator.control().assignModuleToSection(101, unit.id(), 1001));
        assertThat(eventsSince(before)).extracting(EmittedEvent::status).containsOnly(202);
        awaitTriggersConsumed();

        AssignmentChanged read = awaitAssignment(417, a -> a.sectionDueDates().size() == 1);
        assertThat(dueBySection(read)).containsOnlyKeys("1001").containsEntry("1001", HOMEWORK_4_DUE);
    }

    /** Submission::Tardiness#missing?: past due and unsubmitted is missing, with no graded_at to poll for. */
    @Test
    void anAutomaticMissingFlagReachesCanvasChanges() {
        withLiveEvents(() -> simulator.control().addSectionOverride(101, 417, 1001,
                OverrideDates.due(Instant.parse("2026-11-24T23:59:00Z"))));
        awaitTriggersConsumed();

        assertThat(scoresSinceStart(417)).filteredOn(s -> s.userId().equals("5002")).isNotEmpty()
                .allSatisfy(s -> {
                    assertThat(s.missing()).isTrue();
                    assertThat(s.gradedAt()).isNull();
                    assertThat(s.postedAt()).isNull();
                    assertThat(s.score()).isNull();
                });
    }

    /**
     * An override raised by a background job (a content migration) carries no Course context: the webhook accepts it
     * and finds the course from the assignment it names, in its own state.
     */
    @Test
    void anOverrideEventWithoutCourseIsAcceptedAndReReadsItsAssignment() {
        Instant due = Instant.parse("2026-11-22T23:59:00Z");
        int before = simulator.control().events().size();
        withLiveEvents(() -> simulator.control().asBackgroundJob("ContentMigration#import",
                () -> simulator.control().addSectionOverride(101, 401, 1002, OverrideDates.due(due))));
        EmittedEvent override = eventsSince(before).get(0);
        assertThat(override.json()).doesNotContain("\"context_id\"");
        assertThat(override.status()).isEqualTo(202);
        awaitTriggersConsumed();

        assertThat(dueBySection(awaitAssignment(401, a -> !a.overrides().isEmpty())))
                .containsEntry("1002", due).containsEntry("1001", CELL_QUIZ_DUE);
    }

    /** Not even ingest's state knows the assignment: a scoped sweep of the district's courses finds it. */
    @Test
    void anOverrideEventWithoutCourseOfAnUnknownAssignmentIsFoundByASweep() {
        CanvasControl control = simulator.control();
        // Created without events, under an id no earlier test let this service read (ids restart at each reset).
        Assignment unknown;
        do {
            unknown = control.createAssignment(101, NewAssignment.named("Field Trip Report", 10)
                    .withDueAt(Instant.parse("2026-11-26T23:59:00Z")));
        } while (state.courseOfAssignment(TENANT, Long.toString(unknown.id())).isPresent());
        long unknownId = unknown.id();
        Instant due = Instant.parse("2026-11-30T23:59:00Z");
        int before = control.events().size();
        withLiveEvents(() -> control.asBackgroundJob("MasterCourses::MasterMigration",
                () -> control.addSectionOverride(101, unknownId, 1001, OverrideDates.due(due))));
        assertThat(eventsSince(before).get(0).status()).isEqualTo(202);

        AssignmentChanged read = awaitAssignment(unknownId, a -> !a.overrides().isEmpty());
        assertThat(dueBySection(read)).containsEntry("1001", due);
    }

    /** A Caliper subscription: a JSON error with a stable code whose message names the fix. */
    @Test
    void aCaliperEventGetsAnErrorThatNamesTheFix() {
        simulator.control().setEventFormat(EventFormat.CALIPER);
        int before = simulator.control().events().size();
        withLiveEvents(() -> simulator.control().gradeSubmission(101, 401, 5001, GradeChange.score(6)));

        EmittedEvent first = eventsSince(before).get(0);
        assertThat(first.status()).isEqualTo(422);
        assertThat(first.response()).contains("\"code\":\"caliper_format_not_supported\"")
                .contains("Canvas").contains("Data Services");
    }

    /**
     * A whole course's scores in order=graded_at, which Canvas pages with opaque bookmarks (BookmarkedCollection):
     * every published submission once, one call per page; and the poller's graded_since passes Api::ISO8601_REGEX.
     */
    @Test
    void aWholeCourseReadFollowsCanvasBookmarksAcrossPages() {
        String endpoint = "GET /api/v1/courses/:course_id/students/submissions";
        long before = simulator.control().stats().requestsByEndpoint().getOrDefault(endpoint, 0L);

        List<ScoreChanged> all = scoreReader.readScores(TENANT, "101", List.of());

        assertThat(all).hasSize(16 * 6);
        assertThat(all).extracting(s -> s.assignmentId() + "/" + s.userId()).doesNotHaveDuplicates()
                .noneMatch(key -> key.startsWith("404/"));
        long calls = simulator.control().stats().requestsByEndpoint().get(endpoint) - before;
        assertThat(calls).as("four pages of 25").isEqualTo(4);
        assertThat(poller.pollCourse(TENANT, "101").watermark()).isAfter(testStart);
    }
}
