package org.ccsync.eligibility;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.AssignmentGroupRef;
import org.ccsync.contracts.AssignmentOverride;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.CanvasChange;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.ItemSkipped;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.Topics;
import org.ccsync.testsupport.KafkaTestClient;

/** Builds canvas-changes snapshots for tests and reads back what eligibility-service published for one course. */
public final class Snapshots {

    public static final Instant DUE_1 = Instant.parse("2026-10-15T23:59:00Z");
    public static final Instant DUE_2 = Instant.parse("2026-10-17T15:00:00Z");
    public static final Duration TIMEOUT = Duration.ofSeconds(45);
    public static final AssignmentGroupRef GROUP = new AssignmentGroupRef("g1", "Labs", "CAT-LABS");

    private Snapshots() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static RosterChanged.Section section(String id, String sisId) {
        return new RosterChanged.Section(id, sisId, "Period " + id);
    }

    public static RosterChanged.Enrollment student(String userId, String sisUserId, String sectionId) {
        return new RosterChanged.Enrollment(userId, sisUserId, sectionId, "Student " + userId);
    }

    public static RosterChanged roster(String tenant, String course, long version, List<RosterChanged.Section> sections,
            List<RosterChanged.Enrollment> students) {
        return roster(tenant, course, version, sections, students, false);
    }

    public static RosterChanged roster(String tenant, String course, long version, List<RosterChanged.Section> sections,
            List<RosterChanged.Enrollment> students, boolean concluded) {
        return new RosterChanged(UUID.randomUUID().toString(), Instant.now(), tenant, course, version, "Biology",
                !concluded, sections, students, List.of(), List.of(new RosterChanged.GradingPeriod("gp1", "Fall",
                        Instant.parse("2026-08-20T00:00:00Z"), Instant.parse("2026-12-20T00:00:00Z"), null, false)),
                concluded);
    }

    /** A student enrollment in a Canvas state such as {@code inactive} or {@code completed}. */
    public static RosterChanged.Enrollment student(String userId, String sisUserId, String sectionId, String state) {
        return new RosterChanged.Enrollment(userId, sisUserId, sectionId, "Student " + userId, null, state);
    }

    /** A published, graded, Sync-to-SIS assignment differentiated by section: each section its own due date. */
    public static AssignmentChanged assignment(String tenant, String course, String assignmentId, long version,
            String name, List<SectionDueDate> dates) {
        return assignment(tenant, course, assignmentId, version, name, "published", true, true, dates);
    }

    public static AssignmentChanged assignment(String tenant, String course, String assignmentId, long version,
            String name, String workflowState, boolean published, boolean postToSis, List<SectionDueDate> dates) {
        List<AssignmentOverride> overrides = dates.stream()
                .map(d -> new AssignmentOverride("o-" + d.sectionId(), "CourseSection", d.sectionId(), d.dueAt(),
                        List.of()))
                .toList();
        return new AssignmentChanged(UUID.randomUUID().toString(), Instant.now(), tenant, course, assignmentId,
                version, name, 10.0, "points", workflowState, published, postToSis, false, true, null, GROUP,
                overrides, dates);
    }

    public static ScoreChanged score(String tenant, String course, String assignmentId, String userId, long version,
            Double score, boolean excused, boolean late) {
        Instant graded = Instant.ofEpochMilli(version);
        return new ScoreChanged(UUID.randomUUID().toString(), Instant.now(), tenant, course, assignmentId, userId,
                version, score, score == null ? null : String.valueOf(score), excused, late, false, "graded", graded,
                graded, null);
    }

    /** A score snapshot with every content field set, as canvas-ingest builds it from a submission. */
    public static ScoreChanged score(String tenant, String course, String assignmentId, String userId, long version,
            Double score, boolean excused, String workflowState, Double pointsDeducted) {
        Instant graded = Instant.ofEpochMilli(version);
        return new ScoreChanged(UUID.randomUUID().toString(), Instant.now(), tenant, course, assignmentId, userId,
                version, score, score == null ? null : String.valueOf(score), excused, pointsDeducted != null, false,
                workflowState, graded, graded, pointsDeducted);
    }

    /** The same snapshot again with a new event id, as a poll that re-read unchanged state would send it. */
    public static ScoreChanged reread(ScoreChanged s) {
        return new ScoreChanged(UUID.randomUUID().toString(), s.occurredAt(), s.tenant(), s.courseId(),
                s.assignmentId(), s.userId(), s.sourceVersion(), s.score(), s.grade(), s.excused(), s.late(),
                s.missing(), s.workflowState(), s.gradedAt(), s.postedAt(), s.pointsDeducted());
    }

    public static void send(KafkaTestClient kafka, CanvasChange change) {
        kafka.sendJson(Topics.CANVAS_CHANGES, EventKeys.course(change.tenant(), change.courseId()), change);
    }

    public static Predicate<ConsumerRecord<String, String>> writeOf(String tenant, String course,
            Predicate<CampusWrite> match) {
        return record -> tenant.equals(record.key()) && record.value().contains("\"courseId\":\"" + course + "\"")
                && match.test(KafkaTestClient.read(record, CampusWrite.class));
    }

    public static Predicate<ConsumerRecord<String, String>> outcomeOf(String tenant, String course,
            Predicate<SyncOutcome> match) {
        return record -> EventKeys.course(tenant, course).equals(record.key())
                && match.test(KafkaTestClient.read(record, SyncOutcome.class));
    }

    public static Predicate<SyncOutcome> skipped(String code) {
        return outcome -> outcome instanceof ItemSkipped skip && code.equals(skip.reasonCode());
    }

    public static List<CampusWrite> awaitWrites(KafkaTestClient kafka, String tenant, String course,
            Predicate<CampusWrite> match, int count) {
        return kafka.awaitRecords(Topics.CAMPUS_WRITES, writeOf(tenant, course, match), count, TIMEOUT).stream()
                .map(r -> KafkaTestClient.read(r, CampusWrite.class)).toList();
    }

    public static List<CampusWrite> currentWrites(KafkaTestClient kafka, String tenant, String course) {
        return kafka.currentRecords(Topics.CAMPUS_WRITES, writeOf(tenant, course, w -> true)).stream()
                .map(r -> KafkaTestClient.read(r, CampusWrite.class)).toList();
    }

    public static List<ItemSkipped> awaitSkips(KafkaTestClient kafka, String tenant, String course, String code,
            int count) {
        return kafka.awaitRecords(Topics.SYNC_OUTCOMES, outcomeOf(tenant, course, skipped(code)), count, TIMEOUT)
                .stream().map(r -> (ItemSkipped) KafkaTestClient.read(r, SyncOutcome.class)).toList();
    }

    public static List<SyncOutcome> currentOutcomes(KafkaTestClient kafka, String tenant, String course) {
        return kafka.currentRecords(Topics.SYNC_OUTCOMES, outcomeOf(tenant, course, o -> true)).stream()
                .map(r -> KafkaTestClient.read(r, SyncOutcome.class)).toList();
    }
}
