package org.ccsync.eligibility.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.eligibility.Snapshots.DUE_1;
import static org.ccsync.eligibility.Snapshots.assignment;
import static org.ccsync.eligibility.Snapshots.awaitSkips;
import static org.ccsync.eligibility.Snapshots.awaitWrites;
import static org.ccsync.eligibility.Snapshots.currentWrites;
import static org.ccsync.eligibility.Snapshots.roster;
import static org.ccsync.eligibility.Snapshots.section;
import static org.ccsync.eligibility.Snapshots.send;
import static org.ccsync.eligibility.Snapshots.student;
import static org.ccsync.eligibility.Snapshots.unique;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemSkipped;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.contracts.SectionDueDate;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.Test;

/**
 * The district settings for what Canvas lets teachers do and real Canvas sends: hidden grades (by default only
 * posted scores sync, and posting syncs at once), Canvas's automatic "missing" (no grade, never posted, still sent),
 * and extra credit (sent as is by default, capped with an outcome where the district says so).
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
class PostedScoresAndExtraCreditTest {

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    /** A course with one class and two students, and one 10-point assignment due in it. */
    private static void course(KafkaTestClient kafka, String tenant, String course) {
        send(kafka, roster(tenant, course, 1, List.of(section("s1", "SIS-" + course)),
                List.of(student("u1", "STU-1", "s1"), student("u2", "STU-2", "s1"))));
        send(kafka, assignment(tenant, course, "a1", 1000, "Lab report",
                List.of(new SectionDueDate("s1", "SIS-" + course, DUE_1))));
    }

    private static ScoreChanged score(String tenant, String course, String userId, long version, Double score,
            boolean missing, String workflowState, Instant gradedAt, Instant postedAt) {
        return new ScoreChanged(UUID.randomUUID().toString(), Instant.now(), tenant, course, "a1", userId, version,
                score, score == null ? null : String.valueOf(score), false, false, missing, workflowState, gradedAt,
                postedAt, null);
    }

    private List<UpsertResult> results(String tenant, String course) {
        return currentWrites(kafka, tenant, course).stream().filter(w -> w instanceof UpsertResult)
                .map(w -> (UpsertResult) w).toList();
    }

    @Test
    void byDefaultAHiddenScoreWaitsAndPostingItInCanvasSyncsItAtOnce() {
        String tenant = unique("defaults");
        String course = unique("c");
        course(kafka, tenant, course);
        Instant graded = Instant.ofEpochMilli(2000);
        send(kafka, score(tenant, course, "u1", 2000, 8.0, false, "graded", graded, null));

        ItemSkipped hidden = awaitSkips(kafka, tenant, course, "hidden_grade", 1).get(0);
        assertThat(hidden.item().userId()).isEqualTo("u1");
        assertThat(hidden.reason()).contains("as soon as the teacher posts it");
        assertThat(results(tenant, course)).isEmpty();

        // Posting moves posted_at only; canvas-ingest re-reads on the grade_change Canvas sends for it.
        Instant posted = Instant.ofEpochMilli(5000);
        send(kafka, score(tenant, course, "u1", 5000, 8.0, false, "graded", graded, posted));
        UpsertResult sent = (UpsertResult) awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 1)
                .get(0);
        assertThat(sent.userId()).isEqualTo("u1");
        assertThat(sent.score()).isEqualTo(8.0);
    }

    @Test
    void aDistrictThatSyncsHiddenGradesSendsThemBeforeTheyArePosted() {
        String tenant = "hidden-sync";
        String course = unique("c");
        course(kafka, tenant, course);
        send(kafka, score(tenant, course, "u1", 2000, 7.0, false, "graded", Instant.ofEpochMilli(2000), null));

        UpsertResult sent = (UpsertResult) awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 1)
                .get(0);
        assertThat(sent.score()).isEqualTo(7.0);
    }

    /** Submission::Tardiness#missing?: past due and unsubmitted, with no graded_at and no posted_at. */
    @Test
    void canvasAutomaticMissingIsSentAsMissingByDefault() {
        String tenant = unique("defaults");
        String course = unique("c");
        course(kafka, tenant, course);
        send(kafka, score(tenant, course, "u2", 3000, null, true, "unsubmitted", null, null));

        UpsertResult sent = (UpsertResult) awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 1)
                .get(0);
        assertThat(sent.userId()).isEqualTo("u2");
        assertThat(sent.missing()).isTrue();
        assertThat(sent.score()).isNull();
        assertThat(sent.excused()).isFalse();
    }

    @Test
    void extraCreditIsSentAsIsByDefault() {
        String tenant = unique("defaults");
        String course = unique("c");
        course(kafka, tenant, course);
        Instant at = Instant.ofEpochMilli(2000);
        send(kafka, score(tenant, course, "u1", 2000, 12.5, false, "graded", at, at));

        UpsertResult sent = (UpsertResult) awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 1)
                .get(0);
        assertThat(sent.score()).isEqualTo(12.5);
    }

    @Test
    void aDistrictThatCapsExtraCreditSendsThePointsPossibleAndSaysSo() {
        String tenant = "capped";
        String course = unique("c");
        course(kafka, tenant, course);
        Instant at = Instant.ofEpochMilli(2000);
        send(kafka, score(tenant, course, "u1", 2000, 12.5, false, "graded", at, at));
        send(kafka, score(tenant, course, "u2", 2001, 9.0, false, "graded", at, at));

        List<UpsertResult> sent = awaitWrites(kafka, tenant, course, w -> w instanceof UpsertResult, 2).stream()
                .map(w -> (UpsertResult) w).toList();
        assertThat(sent).extracting(UpsertResult::userId, UpsertResult::score)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("u1", 10.0),
                        org.assertj.core.groups.Tuple.tuple("u2", 9.0));
        ItemSkipped capped = awaitSkips(kafka, tenant, course, "extra_credit_capped", 1).get(0);
        assertThat(capped.item().kind()).isEqualTo(ItemKind.RESULT);
        assertThat(capped.item().userId()).isEqualTo("u1");
        assertThat(capped.reason()).contains("caps extra credit").contains("Canvas 12.5, Infinite Campus 10 of 10");
    }
}
