package org.ccsync.ingest.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ccsync.contracts.EventIds;
import org.ccsync.contracts.ScoreChanged;
import org.ccsync.ingest.outbound.canvas.CanvasClient;
import org.ccsync.ingest.outbound.canvas.CanvasInvalidAssignmentIdsException;
import org.ccsync.ingest.outbound.canvas.CanvasModels.Submission;

/** Re-reads submissions from Canvas REST (students/submissions) and turns them into score snapshots. */
@ApplicationScoped
public class ScoreReader {

    private final CanvasClient canvas;

    public ScoreReader(CanvasClient canvas) {
        this.canvas = canvas;
    }

    /**
     * What a score read of some assignments returned, and the assignments Canvas refused to serve scores of because
     * they are not published (or are gone) any more.
     */
    public record ScoreRead(List<ScoreChanged> scores, List<String> refused) {
    }

    /**
     * Every submission of some assignments (all of them when the list is empty), graded or not, in one paginated
     * {@code students/submissions} read: a cleared score or an excuse lifted without a score must reach eligibility,
     * and an unchanged ungraded submission is the same event id every time.
     */
    public List<ScoreChanged> readScores(String tenant, String courseId, List<String> assignmentIds) {
        return readScores(tenant, courseId, assignmentIds, null);
    }

    /**
     * Like {@link #readScores(String, String, List)} for assignments believed published; when Canvas refuses the read
     * because one of them is not (403 "invalid assignment ids requested", which fails the whole request), the list is
     * split in halves and each half read again, until the refused assignments are alone and left out. A burst with one
     * stale assignment costs a few more calls instead of all its scores.
     */
    public ScoreRead readScoresOf(String tenant, String courseId, List<String> assignmentIds) {
        try {
            return new ScoreRead(readScores(tenant, courseId, assignmentIds), List.of());
        } catch (CanvasInvalidAssignmentIdsException e) {
            if (assignmentIds.size() <= 1) {
                return new ScoreRead(List.of(), List.copyOf(assignmentIds));
            }
            int half = assignmentIds.size() / 2;
            ScoreRead first = readScoresOf(tenant, courseId, assignmentIds.subList(0, half));
            ScoreRead second = readScoresOf(tenant, courseId, assignmentIds.subList(half, assignmentIds.size()));
            List<ScoreChanged> scores = new ArrayList<>(first.scores());
            scores.addAll(second.scores());
            List<String> refused = new ArrayList<>(first.refused());
            refused.addAll(second.refused());
            return new ScoreRead(scores, refused);
        }
    }

    /**
     * The submissions of every assignment graded after {@code gradedSince}, ordered by {@code graded_at}, in one
     * paginated {@code students/submissions} read.
     */
    public List<ScoreChanged> readScoresGradedSince(String tenant, String courseId, Instant gradedSince) {
        return readScores(tenant, courseId, List.of(), gradedSince);
    }

    private List<ScoreChanged> readScores(String tenant, String courseId, List<String> assignmentIds,
            Instant gradedSince) {
        Instant readAt = Instant.now();
        return canvas.submissions(tenant, courseId, assignmentIds, gradedSince).stream()
                .map(s -> toScoreChanged(tenant, courseId, s, readAt))
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * A submission as a score snapshot, graded or not. Its event id is derived from the content and Canvas's
     * timestamps, never the read time: a late-penalty recalculation (Canvas rewrites {@code score} and
     * {@code points_deducted} without moving {@code graded_at}) is a new event, while the webhook, the poller and an
     * unchanged re-read of one state produce one id. Its version is the later of {@code graded_at} and
     * {@code posted_at}, or, when Canvas has neither (never graded, or a cleared score whose timestamps are gone), the
     * time of the read, so such a state is never older than the graded one it replaces.
     */
    static Optional<ScoreChanged> toScoreChanged(String tenant, String courseId, Submission s, Instant readAt) {
        if (s.assignmentId() == null || s.userId() == null) {
            return Optional.empty();
        }
        Instant version = latest(s.gradedAt(), s.postedAt());
        long sourceVersion = (version != null ? version : readAt).toEpochMilli();
        boolean excused = Boolean.TRUE.equals(s.excused());
        boolean late = Boolean.TRUE.equals(s.late());
        boolean missing = Boolean.TRUE.equals(s.missing());
        String eventId = EventIds.of("score", tenant, courseId, s.assignmentId(), s.userId(), s.score(), s.grade(),
                excused, late, missing, s.workflowState(), s.pointsDeducted(), s.gradedAt(), s.postedAt());
        return Optional.of(new ScoreChanged(eventId, Instant.now(), tenant, courseId, s.assignmentId(), s.userId(),
                sourceVersion, s.score(), s.grade(), excused, late, missing, s.workflowState(), s.gradedAt(),
                s.postedAt(), s.pointsDeducted()));
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
