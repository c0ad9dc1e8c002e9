package org.ccsync.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Submission;
import org.junit.jupiter.api.Test;

/** The score snapshot rules: versions, deterministic event ids, cleared and pending scores. */
class ScoreReaderTest {

    private static final Instant GRADED = Instant.parse("2026-09-11T10:00:00Z");
    private static final Instant POSTED = Instant.parse("2026-09-12T10:00:00Z");
    private static final Instant READ = Instant.parse("2026-09-20T08:00:00Z");

    private static ScoreChanged score(Submission s) {
        return ScoreReader.toScoreChanged("t", "c", s, READ).orElseThrow();
    }

    @Test
    void scoreVersionIsTheLaterOfGradedAndPostedAndItsIdFollowsTheContentNotTheReadTime() {
        Submission graded = new Submission("44", "501", 9.0, "9", false, false, false, "graded", GRADED, POSTED);
        ScoreChanged score = score(graded);

        assertThat(score.sourceVersion()).isEqualTo(POSTED.toEpochMilli());
        assertThat(score.hasGrade()).isTrue();
        assertThat(ScoreReader.toScoreChanged("t", "c", graded, READ.plusSeconds(60)).orElseThrow().eventId())
                .as("a re-read of one state is one event").isEqualTo(score.eventId());
        assertThat(score(new Submission("44", "501", 9.0, "9", false, true, false, "graded", GRADED, POSTED))
                .eventId()).as("a late flag is content").isNotEqualTo(score.eventId());
        assertThat(ScoreReader.toScoreChanged("t", "c",
                new Submission("44", null, 9.0, "9", false, false, false, "graded", GRADED, POSTED), READ)).isEmpty();
    }

    @Test
    void aLatePenaltyRecalculationIsANewEventWithTheSameVersionAndCarriesTheDeduction() {
        // Canvas rewrote score and points_deducted after a due date moved, without moving graded_at or posted_at.
        ScoreChanged before = score(new Submission("44", "501", 9.0, "9", false, true, false, "graded", GRADED,
                POSTED, 3.0));
        ScoreChanged after = score(new Submission("44", "501", 10.5, "10.5", false, true, false, "graded", GRADED,
                POSTED, 1.5));

        assertThat(after.eventId()).isNotEqualTo(before.eventId());
        assertThat(after.sourceVersion()).isEqualTo(before.sourceVersion());
        assertThat(before.pointsDeducted()).isEqualTo(3.0);
        assertThat(after.pointsDeducted()).isEqualTo(1.5);
        assertThat(after.score()).isEqualTo(10.5);
        // The deduction alone (Canvas's zero deduction of a cleared late score, say) is content too.
        assertThat(score(new Submission("44", "501", null, null, false, true, false, "graded", GRADED, POSTED, 0.0))
                .eventId()).isNotEqualTo(score(new Submission("44", "501", null, null, false, true, false, "graded",
                        GRADED, POSTED)).eventId());
    }

    @Test
    void aClearedScoreIsSnapshotWithoutGradeAndIsNeverOlderThanTheGradedOne() {
        ScoreChanged graded = score(new Submission("44", "501", 9.0, "9", false, false, false, "graded", GRADED,
                POSTED));
        // Canvas keeps graded_at and posted_at when a grade is cleared...
        ScoreChanged cleared = score(new Submission("44", "501", null, null, false, false, false, "graded", GRADED,
                POSTED));
        // ...and a submission without either timestamp is versioned by the read.
        ScoreChanged bare = score(new Submission("44", "501", null, null, false, false, false, "unsubmitted", null,
                null));

        assertThat(cleared.hasGrade()).isFalse();
        assertThat(cleared.eventId()).isNotEqualTo(graded.eventId());
        assertThat(cleared.sourceVersion()).isGreaterThanOrEqualTo(graded.sourceVersion());
        assertThat(bare.hasGrade()).isFalse();
        assertThat(bare.sourceVersion()).isEqualTo(READ.toEpochMilli());
        assertThat(bare.sourceVersion()).isGreaterThan(graded.sourceVersion());
        assertThat(ScoreReader.toScoreChanged("t", "c", new Submission("44", "501", null, null, false, false,
                false, "unsubmitted", null, null), READ.plusSeconds(60)).orElseThrow().eventId())
                .as("an unchanged ungraded submission is the same event at every read").isEqualTo(bare.eventId());
        ScoreChanged missing = score(new Submission("44", "502", null, null, false, false, true, "unsubmitted", null,
                null));
        assertThat(missing.hasGrade()).as("Canvas's automatic missing has no graded_at").isTrue();
    }

    @Test
    void pendingReviewPassesThroughWithItsPartialScore() {
        ScoreChanged pending = score(new Submission("44", "501", 6.0, "6", false, false, false, "pending_review",
                GRADED, GRADED));

        assertThat(pending.workflowState()).isEqualTo("pending_review");
        assertThat(pending.pendingReview()).isTrue();
        assertThat(pending.score()).isEqualTo(6.0);
        assertThat(pending.eventId()).isNotEqualTo(score(new Submission("44", "501", 6.0, "6", false, false, false,
                "graded", GRADED, GRADED)).eventId());
    }
}
