package org.ccsync.eligibility.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.eligibility.Snapshots.DUE_1;
import static org.ccsync.eligibility.Snapshots.DUE_2;
import static org.ccsync.eligibility.Snapshots.assignment;
import static org.ccsync.eligibility.Snapshots.awaitWrites;
import static org.ccsync.eligibility.Snapshots.currentOutcomes;
import static org.ccsync.eligibility.Snapshots.currentWrites;
import static org.ccsync.eligibility.Snapshots.reread;
import static org.ccsync.eligibility.Snapshots.roster;
import static org.ccsync.eligibility.Snapshots.score;
import static org.ccsync.eligibility.Snapshots.section;
import static org.ccsync.eligibility.Snapshots.send;
import static org.ccsync.eligibility.Snapshots.student;
import static org.ccsync.eligibility.Snapshots.unique;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.CanvasChange;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.ItemSkipped;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.contracts.SyncOutcome;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.eligibility.Snapshots;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Duplicate and out-of-order snapshots must yield exactly the commands that clean, in-order delivery yields. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
class DeliveryOrderTest {

    private static final String COURSE = "course-ordering";
    private static final List<SectionDueDate> DATES = List.of(new SectionDueDate("s1", "SIS-O1", DUE_1),
            new SectionDueDate("s2", "SIS-O2", DUE_2));

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.shared();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    /** The newest state of the course, one snapshot per fact. */
    private record Facts(RosterChanged roster, AssignmentChanged a1, AssignmentChanged a2, AssignmentChanged a3,
            ScoreChanged u1OnA1, ScoreChanged u2OnA1, ScoreChanged u1OnA2, ScoreChanged marker) {

        static Facts of(String tenant) {
            return new Facts(
                    Snapshots.roster(tenant, COURSE, 100, List.of(section("s1", "SIS-O1"), section("s2", "SIS-O2")),
                            List.of(student("u1", "STU-1", "s1"), student("u2", "STU-2", "s2"),
                                    student("u3", "STU-3", "s1"))),
                    assignment(tenant, COURSE, "a1", 2000, "Lab report", DATES),
                    assignment(tenant, COURSE, "a2", 2500, "Quiz 1", DATES),
                    assignment(tenant, COURSE, "a3", 2700, "Survey", "published", true, false, DATES),
                    Snapshots.score(tenant, COURSE, "a1", "u1", 5000, 8.0, false, true),
                    Snapshots.score(tenant, COURSE, "a1", "u2", 5100, null, true, false),
                    Snapshots.score(tenant, COURSE, "a2", "u1", 5200, 3.5, false, false),
                    Snapshots.score(tenant, COURSE, "a1", "u3", 9000, 9.0, false, false));
        }
    }

    @Test
    void duplicateAndOutOfOrderSnapshotsYieldTheSameCommandsAsCleanDelivery() {
        String cleanTenant = unique("clean");
        Facts clean = Facts.of(cleanTenant);
        deliver(clean.roster(), clean.a1(), clean.a2(), clean.a3(), clean.u1OnA1(), clean.u2OnA1(), clean.u1OnA2(),
                clean.marker());

        String noisyTenant = unique("noisy");
        Facts noisy = Facts.of(noisyTenant);
        deliver(
                noisy.u1OnA1(),                                                        // before its assignment
                score(noisyTenant, COURSE, "a1", "u1", 4000, 2.0, false, false),      // older, while pending
                roster(noisyTenant, COURSE, 50, List.of(section("s1", null)), List.of()), // older roster first
                noisy.roster(),
                noisy.a1(),
                noisy.a1(),                                                            // same event id again
                assignment(noisyTenant, COURSE, "a1", 1000, "Old title", DATES),       // older version
                noisy.a3(),
                assignment(noisyTenant, COURSE, "a3", 2600, "Survey", DATES),          // older, was eligible
                noisy.u2OnA1(),
                reread(noisy.u2OnA1()),                                                // same version, new id
                score(noisyTenant, COURSE, "a1", "u2", 4500, 1.0, false, false),      // older, not excused
                noisy.a2(),
                noisy.u1OnA2(),
                roster(noisyTenant, COURSE, 60, List.of(section("s1", "OTHER")), List.of()), // older roster last
                noisy.roster(),                                                        // duplicate roster
                noisy.marker());

        List<String> cleanWrites = normalisedWrites(cleanTenant);
        List<String> noisyWrites = normalisedWrites(noisyTenant);
        assertThat(cleanWrites).as("clean delivery: 2 lineItems x 2 assignments, 4 results")
                .hasSize(8)
                .anyMatch(w -> w.startsWith("R|a1|SIS-O2|u2|STU-2|5100|null|true"));
        assertThat(noisyWrites).isEqualTo(cleanWrites);
        assertThat(normalisedOutcomes(noisyTenant)).isEqualTo(normalisedOutcomes(cleanTenant))
                .containsExactly("ASSIGNMENT|a3|null|null|post_to_sis_off|2700");
    }

    private static void deliver(CanvasChange... changes) {
        for (CanvasChange change : changes) {
            send(kafka, change);
        }
        String tenant = changes[0].tenant();
        awaitWrites(kafka, tenant, COURSE, w -> w instanceof UpsertResult r && "u3".equals(r.userId()), 1);
    }

    private static List<String> normalisedWrites(String tenant) {
        return currentWrites(kafka, tenant, COURSE).stream().map(DeliveryOrderTest::normalise).sorted().toList();
    }

    private static List<String> normalisedOutcomes(String tenant) {
        return currentOutcomes(kafka, tenant, COURSE).stream().map(DeliveryOrderTest::normalise).sorted().toList();
    }

    /** A command without the parts that differ by tenant alone: event and sourced ids, and the send time. */
    private static String normalise(CampusWrite write) {
        if (write instanceof UpsertLineItem li) {
            return String.join("|", "L", li.assignmentId(), li.classSourcedId(), String.valueOf(li.sourceVersion()),
                    li.title(), String.valueOf(li.pointsPossible()), String.valueOf(li.assignDate()),
                    String.valueOf(li.dueDate()), String.valueOf(li.group()));
        }
        if (write instanceof UpsertResult r) {
            return String.join("|", "R", r.assignmentId(), r.classSourcedId(), r.userId(), r.studentSourcedId(),
                    String.valueOf(r.sourceVersion()), String.valueOf(r.score()), String.valueOf(r.excused()),
                    String.valueOf(r.late()), String.valueOf(r.missing()), String.valueOf(r.scoreDate()),
                    String.valueOf(r.gradedAt()));
        }
        DeleteLineItem d = (DeleteLineItem) write;
        return String.join("|", "D", d.assignmentId(), d.classSourcedId(), String.valueOf(d.sourceVersion()),
                d.reasonCode());
    }

    private static String normalise(SyncOutcome outcome) {
        ItemSkipped skip = (ItemSkipped) outcome;
        return String.join("|", skip.item().kind().name(), skip.item().assignmentId(),
                String.valueOf(skip.item().userId()), String.valueOf(skip.item().classSourcedId()),
                skip.reasonCode(), String.valueOf(skip.sourceVersion()));
    }
}
