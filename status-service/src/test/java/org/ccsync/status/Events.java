package org.ccsync.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.AssignmentGroupRef;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.CanvasChange;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.DeleteResult;
import org.ccsync.contracts.DistrictStatusChanged;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.EventKeys;
import org.ccsync.contracts.ItemFailed;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.ItemSkipped;
import org.ccsync.contracts.ItemWritten;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.SyncRunProgressed;
import org.ccsync.contracts.SyncTrigger;
import org.ccsync.contracts.Topics;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.testsupport.KafkaTestClient;

/** Builds and sends the pipeline's events the way the other services publish them. */
public final class Events {

    public static final Instant T0 = Instant.parse("2026-11-27T15:00:00Z");

    private final KafkaTestClient kafka;
    private final String tenant;

    public Events(KafkaTestClient kafka, String tenant) {
        this.kafka = kafka;
        this.tenant = tenant;
    }

    public void outcome(SyncOutcome outcome) {
        kafka.sendJson(Topics.SYNC_OUTCOMES, EventKeys.course(outcome.tenant(), outcome.courseId()), outcome);
    }

    public void change(CanvasChange change) {
        kafka.sendJson(Topics.CANVAS_CHANGES, EventKeys.course(change.tenant(), change.courseId()), change);
    }

    public void command(CampusWrite command) {
        kafka.sendJson(Topics.CAMPUS_WRITES, EventKeys.district(command.tenant()), command);
    }

    public RosterChanged roster(String course, long version, String name, String teacherLogin, String... students) {
        List<RosterChanged.Enrollment> enrolled = new ArrayList<>();
        for (String student : students) {
            enrolled.add(new RosterChanged.Enrollment(student, "STU-" + student, "S1", "Student " + student));
        }
        return new RosterChanged(EventIds.of("t-roster", tenant, course, version), T0, tenant, course, version, name,
                true, List.of(new RosterChanged.Section("S1", "SEC-1", "Period 1")), enrolled,
                List.of(new RosterChanged.Enrollment("T1", "TCH-1", "S1", "Ms. Teacher", teacherLogin)), List.of(),
                false);
    }

    public AssignmentChanged assignment(String course, String assignment, long version, String name) {
        return new AssignmentChanged(EventIds.of("t-assignment", tenant, course, assignment, version), T0, tenant,
                course, assignment, version, name, 10.0, "points", "published", true, true, false, false,
                T0.plusSeconds(86400), new AssignmentGroupRef("G1", "Quizzes", null), List.of(), List.of());
    }

    public ItemWritten resultWritten(String course, String assignment, String user, long version, Double score) {
        return new ItemWritten(EventIds.of("t-written", tenant, course, assignment, user, version),
                T0.plusSeconds(version), tenant, course, version,
                new ItemRef(ItemKind.RESULT, assignment, user, "SEC-1", "r-" + user, null), "UPSERTED", null, null,
                score, T0);
    }

    /**
     * A result written to a given class; {@code salt} tells apart two outcomes of one version (event ids are
     * derived from content, so a recomputed score at the same Canvas version is a new event).
     */
    public ItemWritten resultWritten(String course, String assignment, String user, String classId, long version,
            Double score, String salt) {
        return resultWritten(course, assignment, user, classId, version, score, salt, T0.plusSeconds(version));
    }

    /** As above, published at {@code at}: the writer's clock, which says nothing about the order of arrival. */
    public ItemWritten resultWritten(String course, String assignment, String user, String classId, long version,
            Double score, String salt, Instant at) {
        return new ItemWritten(EventIds.of("t-written", tenant, course, assignment, user, version, classId, salt),
                at, tenant, course, version,
                new ItemRef(ItemKind.RESULT, assignment, user, classId, "r-" + user, null), "UPSERTED", null, null,
                score, T0);
    }

    /** The writer removed a result from IC (its score was cleared in Canvas). */
    public ItemWritten resultDeleted(String course, String assignment, String user, long version) {
        return new ItemWritten(EventIds.of("t-result-deleted", tenant, course, assignment, user, version),
                T0.plusSeconds(version), tenant, course, version,
                new ItemRef(ItemKind.RESULT, assignment, user, "SEC-1", "r-" + user, null), "DELETED", null, null,
                null, T0);
    }

    /** The writer deleted a lineItem of class SEC-1 from IC, and IC its results with it. */
    public ItemWritten lineItemDeleted(String course, String assignment, long version) {
        return new ItemWritten(EventIds.of("t-li-deleted", tenant, course, assignment, version),
                T0.plusSeconds(version), tenant, course, version,
                new ItemRef(ItemKind.LINE_ITEM, assignment, null, "SEC-1", "li-" + assignment, null), "DELETED",
                null, null, null, T0);
    }

    public ItemWritten lineItemWritten(String course, String assignment, long version, String category, String period) {
        return new ItemWritten(EventIds.of("t-li-written", tenant, course, assignment, version),
                T0.plusSeconds(version), tenant, course, version,
                new ItemRef(ItemKind.LINE_ITEM, assignment, null, "SEC-1", "li-" + assignment, null), "UPSERTED",
                category, period, null, T0);
    }

    public ItemSkipped assignmentSkipped(String course, String assignment, long version, String code, String sentence) {
        return new ItemSkipped(EventIds.of("t-skipped", tenant, course, assignment, version), T0.plusSeconds(version),
                tenant, course, version, new ItemRef(ItemKind.ASSIGNMENT, assignment, null, null, null, null), code,
                sentence);
    }

    public ItemSkipped assignmentSkippedResult(String course, String user, long version) {
        return new ItemSkipped(EventIds.of("t-skipped-result", tenant, course, user, version), T0.plusSeconds(version),
                tenant, course, version, new ItemRef(ItemKind.RESULT, "401", user, "SEC-1", "r-" + user, null),
                "score_hidden", "The grade is hidden from the student, so it is not sent yet.");
    }

    public ItemFailed resultFailed(String course, String assignment, String user, long version, String error) {
        return new ItemFailed(EventIds.of("t-failed", tenant, course, assignment, user, version),
                T0.plusSeconds(version), tenant, course, version,
                new ItemRef(ItemKind.RESULT, assignment, user, "SEC-1", "r-" + user, null), "ic_invaliddata", error,
                false);
    }

    public UpsertResult upsertResult(String course, String assignment, String user, long version, Instant at) {
        return new UpsertResult(EventIds.of("t-upsert-result", tenant, course, assignment, user, version), at,
                tenant, course, assignment, "SEC-1", "li-" + assignment, "r-" + user, user, "STU-" + user, version,
                9.0, false, false, false, LocalDate.of(2026, 11, 27), T0, false);
    }

    public DeleteResult deleteResult(String course, String assignment, String user, long version, String reasonCode) {
        return new DeleteResult(EventIds.of("t-delete-result", tenant, course, assignment, user, version),
                T0.plusSeconds(version), tenant, course, assignment, "SEC-1", "li-" + assignment, "r-" + user, user,
                "STU-" + user, version, reasonCode);
    }

    public DeleteLineItem deleteLineItem(String course, String assignment, long version, String reasonCode) {
        return new DeleteLineItem(EventIds.of("t-delete-li", tenant, course, assignment, version),
                T0.plusSeconds(version), tenant, course, assignment, "SEC-1", "li-" + assignment, version, reasonCode);
    }

    public UpsertLineItem upsertLineItem(String course, String assignment, long version, Instant at) {
        return new UpsertLineItem(EventIds.of("t-upsert-li", tenant, course, assignment, version), at, tenant, course,
                assignment, "SEC-1", "li-" + assignment, version, "Title " + assignment, 10.0, T0, T0,
                new AssignmentGroupRef("G1", "Quizzes", null));
    }

    public SyncRunProgressed run(String course, String runId, String stage, long version) {
        return new SyncRunProgressed(EventIds.of("t-run", tenant, course, runId, stage), Instant.now(), tenant,
                course, version, runId, SyncTrigger.MANUAL, "someone", stage, 3, 12, "Stage " + stage + ".");
    }

    public DistrictStatusChanged district(long version, boolean available, boolean valid, Instant expireAt, String msg) {
        return new DistrictStatusChanged(EventIds.of("t-district", tenant, version), T0.plusSeconds(version), tenant,
                null, version, available, valid, expireAt, msg, "ic-rostering");
    }
}
