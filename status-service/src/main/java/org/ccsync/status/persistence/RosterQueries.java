package org.ccsync.status.persistence;

import static org.ccsync.status.persistence.StatusQueries.number;
import static org.ccsync.status.persistence.StatusQueries.toDouble;
import static org.ccsync.status.persistence.StatusQueries.toInstant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ccsync.status.domain.AssignmentView;
import org.ccsync.status.domain.StudentView;

/** Read-side queries per assignment and per student of a course. */
@ApplicationScoped
public class RosterQueries {

    /**
     * Statuses from worst to best: an assignment or student shows the worst of its items. REMOVED (written before,
     * no longer in IC) is worse than WRITTEN, so a lineItem re-created without its results does not look written.
     */
    private static final List<String> SEVERITY = List.of("FAILED", "PENDING", "REMOVED", "WRITTEN", "SKIPPED");
    /** The order of the result counters in {@link AssignmentView.ResultCounts}. */
    private static final List<String> COUNTED = List.of("WRITTEN", "PENDING", "SKIPPED", "FAILED", "REMOVED");
    private static final String NOT_SYNCED = "NOT_SYNCED";
    private static final int MAX_ERRORS_PER_STUDENT = 20;

    private final EntityManager entityManager;

    public RosterQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Every assignment of the course with its status, reason, category, grading period and results. */
    public List<AssignmentView> assignments(String tenant, String courseId) {
        return assignments(tenant, courseId, null);
    }

    public Optional<AssignmentView> assignment(String tenant, String courseId, String assignmentId) {
        return assignments(tenant, courseId, assignmentId).stream().findFirst();
    }

    /** The results of one assignment, one per student, with the student's name. */
    public List<StudentView.ResultView> assignmentResults(String tenant, String courseId, String assignmentId) {
        return results(tenant, courseId, "assignment_id", assignmentId);
    }

    private List<AssignmentView> assignments(String tenant, String courseId, String onlyAssignment) {
        @SuppressWarnings("unchecked")
        List<Object[]> assignmentRows = entityManager.createNativeQuery("""
                SELECT assignment_id, title, group_name, points_possible, due_at, published, workflow_state,
                       last_written_at
                FROM assignment_status
                WHERE tenant = ?1 AND course_id = ?2 AND (CAST(?3 AS VARCHAR) IS NULL OR assignment_id = ?3)
                ORDER BY due_at NULLS LAST, title, assignment_id
                """).setParameter(1, tenant).setParameter(2, courseId).setParameter(3, onlyAssignment)
                .getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> countRows = entityManager.createNativeQuery("""
                SELECT assignment_id, status, sum(item_count) FROM item_count
                WHERE tenant = ?1 AND course_id = ?2 AND kind = 'RESULT'
                  AND (CAST(?3 AS VARCHAR) IS NULL OR assignment_id = ?3)
                GROUP BY assignment_id, status
                """).setParameter(1, tenant).setParameter(2, courseId).setParameter(3, onlyAssignment)
                .getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> itemRows = entityManager.createNativeQuery("""
                SELECT assignment_id, kind, class_sourced_id, sourced_id, status, reason_code, message, category,
                       grading_period, written_at, pending_since, occurred_at, source_version
                FROM item_status
                WHERE tenant = ?1 AND course_id = ?2 AND kind IN ('ASSIGNMENT', 'LINE_ITEM')
                  AND (CAST(?3 AS VARCHAR) IS NULL OR assignment_id = ?3)
                ORDER BY assignment_id, kind, class_sourced_id
                """).setParameter(1, tenant).setParameter(2, courseId).setParameter(3, onlyAssignment)
                .getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> explainingResults = entityManager.createNativeQuery("""
                SELECT DISTINCT ON (assignment_id, status) assignment_id, reason_code, message, status
                FROM item_status
                WHERE tenant = ?1 AND course_id = ?2 AND status IN ('FAILED', 'REMOVED') AND kind = 'RESULT'
                  AND (CAST(?3 AS VARCHAR) IS NULL OR assignment_id = ?3)
                ORDER BY assignment_id, status, occurred_at DESC
                """).setParameter(1, tenant).setParameter(2, courseId).setParameter(3, onlyAssignment)
                .getResultList();

        Map<String, long[]> counts = new HashMap<>();
        for (Object[] row : countRows) {
            long[] c = counts.computeIfAbsent((String) row[0], k -> new long[COUNTED.size()]);
            int index = COUNTED.indexOf((String) row[1]);
            if (index >= 0) {
                c[index] += number(row[2]);
            }
        }
        Map<String, List<Object[]>> items = new HashMap<>();
        for (Object[] row : itemRows) {
            items.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(row);
        }
        Map<String, Object[]> failed = new HashMap<>();
        Map<String, Object[]> removed = new HashMap<>();
        for (Object[] row : explainingResults) {
            ("FAILED".equals(row[3]) ? failed : removed).put((String) row[0], row);
        }

        List<AssignmentView> views = new ArrayList<>();
        for (Object[] a : assignmentRows) {
            String id = (String) a[0];
            AssignmentView.ResultCounts results = resultCounts(counts.getOrDefault(id, new long[COUNTED.size()]));
            List<Object[]> own = items.getOrDefault(id, List.of());
            List<AssignmentView.LineItemView> lineItems = own.stream()
                    .map(r -> new AssignmentView.LineItemView((String) r[1], (String) r[2], (String) r[3],
                            (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8],
                            toInstant(r[9]), toInstant(r[10]), toInstant(r[11])))
                    .toList();
            views.add(assignmentView(a, results, own, lineItems, failed.get(id), removed.get(id)));
        }
        return views;
    }

    private static AssignmentView assignmentView(Object[] a, AssignmentView.ResultCounts results, List<Object[]> own,
            List<AssignmentView.LineItemView> lineItems, Object[] failedResult, Object[] removedResult) {
        String status;
        String reasonCode = null;
        String reason = null;
        Object[] whole = own.stream().filter(r -> "ASSIGNMENT".equals(r[1])).findFirst().orElse(null);
        long newestLineItem = own.stream().filter(r -> "LINE_ITEM".equals(r[1]))
                .mapToLong(r -> number(r[12])).max().orElse(Long.MIN_VALUE);
        List<Object[]> classes = own.stream().filter(r -> "LINE_ITEM".equals(r[1])).toList();
        if (whole != null && !"PENDING".equals(whole[4]) && number(whole[12]) >= newestLineItem) {
            status = (String) whole[4];
            reasonCode = (String) whole[5];
            reason = (String) whole[6];
        } else {
            status = worst(classes.stream().map(r -> (String) r[4]).toList(), results);
            Object[] explaining = classes.stream().filter(r -> status.equals(r[4])).findFirst().orElse(null);
            if (explaining != null && !"WRITTEN".equals(status)) {
                reasonCode = (String) explaining[5];
                reason = (String) explaining[6];
            } else if ("FAILED".equals(status) && failedResult != null) {
                reasonCode = (String) failedResult[1];
                reason = results.failed() + " result(s) failed; the latest: " + failedResult[2];
            } else if ("REMOVED".equals(status) && removedResult != null) {
                reasonCode = (String) removedResult[1];
                reason = results.removed() + " result(s) removed from Infinite Campus; the latest: "
                        + removedResult[2];
            }
        }
        Object[] written = classes.stream().filter(r -> r[7] != null).findFirst().orElse(null);
        return new AssignmentView((String) a[0], (String) a[1], (String) a[2], toDouble(a[3]), toInstant(a[4]),
                (Boolean) a[5], (String) a[6], status, reasonCode, reason,
                written == null ? null : (String) written[7], written == null ? null : (String) written[8],
                toInstant(a[7]), results, lineItems);
    }

    private static String worst(List<String> lineItemStatuses, AssignmentView.ResultCounts results) {
        List<String> present = new ArrayList<>(lineItemStatuses);
        if (results.failed() > 0) {
            present.add("FAILED");
        }
        if (results.removed() > 0) {
            present.add("REMOVED");
        }
        if (results.pending() > 0) {
            present.add("PENDING");
        }
        if (results.written() > 0) {
            present.add("WRITTEN");
        }
        if (results.skipped() > 0) {
            present.add("SKIPPED");
        }
        return SEVERITY.stream().filter(present::contains).findFirst().orElse(NOT_SYNCED);
    }

    /** Result counters in the order of {@link #COUNTED}. */
    private static AssignmentView.ResultCounts resultCounts(long[] c) {
        return new AssignmentView.ResultCounts(c[0], c[1], c[2], c[3], c[4]);
    }

    /** Every student of the course (from the roster, plus anyone with results) with their results summarised. */
    public List<StudentView> students(String tenant, String courseId) {
        return students(tenant, courseId, null);
    }

    public Optional<StudentView.Detail> student(String tenant, String courseId, String userId) {
        return students(tenant, courseId, userId).stream().findFirst()
                .map(s -> new StudentView.Detail(s, results(tenant, courseId, "user_id", userId)));
    }

    private List<StudentView> students(String tenant, String courseId, String onlyUser) {
        Map<String, String> titles = titles(tenant, courseId);
        Map<String, String> sectionNames = new HashMap<>();
        for (Object row : entityManager.createNativeQuery(
                "SELECT section_id, COALESCE(name, section_id) FROM course_section WHERE tenant = ?1 AND course_id = ?2")
                .setParameter(1, tenant).setParameter(2, courseId).getResultList()) {
            Object[] r = (Object[]) row;
            sectionNames.put((String) r[0], (String) r[1]);
        }
        Map<String, String[]> people = new TreeMap<>();
        Map<String, List<String>> sections = new HashMap<>();
        for (Object row : entityManager.createNativeQuery("""
                SELECT user_id, sis_user_id, name, section_id FROM roster_member
                WHERE tenant = ?1 AND course_id = ?2 AND role = 'STUDENT'
                  AND (CAST(?3 AS VARCHAR) IS NULL OR user_id = ?3)
                ORDER BY user_id, section_id
                """).setParameter(1, tenant).setParameter(2, courseId).setParameter(3, onlyUser).getResultList()) {
            Object[] r = (Object[]) row;
            people.putIfAbsent((String) r[0], new String[] {(String) r[1], (String) r[2]});
            if (!((String) r[3]).isEmpty()) {
                sections.computeIfAbsent((String) r[0], k -> new ArrayList<>())
                        .add(sectionNames.getOrDefault((String) r[3], (String) r[3]));
            }
        }
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Object[]> lastWritten = new HashMap<>();
        for (Object row : entityManager.createNativeQuery("""
                SELECT user_id, written_count, pending_count, skipped_count, failed_count, last_written_score,
                       last_written_at, last_written_assignment_id, removed_count
                FROM student_status
                WHERE tenant = ?1 AND course_id = ?2 AND (CAST(?3 AS VARCHAR) IS NULL OR user_id = ?3)
                """).setParameter(1, tenant).setParameter(2, courseId).setParameter(3, onlyUser).getResultList()) {
            Object[] r = (Object[]) row;
            String userId = (String) r[0];
            counts.put(userId, new long[] {number(r[1]), number(r[2]), number(r[3]), number(r[4]), number(r[8])});
            if (r[6] != null) {
                lastWritten.put(userId, r);
            }
            people.putIfAbsent(userId, new String[] {null, null});
        }
        Map<String, List<StudentView.ResultView>> errors = new HashMap<>();
        for (Object row : entityManager.createNativeQuery("""
                SELECT user_id, assignment_id, class_sourced_id, status, reason_code, message, written_score,
                       written_at, pending_since, occurred_at
                FROM (SELECT i.*, row_number() OVER (PARTITION BY user_id ORDER BY occurred_at DESC) AS n
                      FROM item_status i
                      WHERE tenant = ?1 AND course_id = ?2 AND kind = 'RESULT' AND status = 'FAILED'
                        AND (CAST(?3 AS VARCHAR) IS NULL OR user_id = ?3)) failed
                WHERE n <= ?4
                ORDER BY occurred_at DESC
                """).setParameter(1, tenant).setParameter(2, courseId).setParameter(3, onlyUser)
                .setParameter(4, MAX_ERRORS_PER_STUDENT).getResultList()) {
            Object[] r = (Object[]) row;
            errors.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(resultView(r, null, titles));
        }
        // Only a student whose worst result was skipped or removed needs that sentence; look those few up.
        Map<String, String> worstStatus = new HashMap<>();
        counts.forEach((userId, c) -> worstStatus.put(userId, worst(List.of(), resultCounts(c))));
        List<String> toExplain = worstStatus.entrySet().stream()
                .filter(e -> "SKIPPED".equals(e.getValue()) || "REMOVED".equals(e.getValue()))
                .map(Map.Entry::getKey).toList();
        Map<String, StudentView.ResultView> explained = new HashMap<>();
        if (!toExplain.isEmpty()) {
            for (Object row : entityManager.createNativeQuery("""
                    SELECT DISTINCT ON (user_id, status) user_id, assignment_id, class_sourced_id, status,
                           reason_code, message, written_score, written_at, pending_since, occurred_at
                    FROM item_status
                    WHERE tenant = ?1 AND course_id = ?2 AND kind = 'RESULT' AND status IN ('SKIPPED', 'REMOVED')
                      AND user_id IN (?3)
                    ORDER BY user_id, status, occurred_at DESC
                    """).setParameter(1, tenant).setParameter(2, courseId).setParameter(3, toExplain)
                    .getResultList()) {
                Object[] r = (Object[]) row;
                if (r[3].equals(worstStatus.get((String) r[0]))) {
                    explained.put((String) r[0], resultView(r, null, titles));
                }
            }
        }

        List<StudentView> views = new ArrayList<>();
        for (Map.Entry<String, String[]> person : people.entrySet()) {
            String userId = person.getKey();
            AssignmentView.ResultCounts results = resultCounts(
                    counts.getOrDefault(userId, new long[COUNTED.size()]));
            String status = worst(List.of(), results);
            List<StudentView.ResultView> own = errors.getOrDefault(userId, List.of());
            StudentView.ResultView explaining = "FAILED".equals(status) && !own.isEmpty() ? own.get(0)
                    : explained.get(userId);
            Object[] last = lastWritten.get(userId);
            views.add(new StudentView(userId, person.getValue()[0], person.getValue()[1],
                    sections.getOrDefault(userId, List.of()), status,
                    explaining == null ? null : explaining.reasonCode(),
                    explaining == null ? null : explaining.message(), results,
                    last == null ? null : toDouble(last[5]), last == null ? null : (String) last[7],
                    last == null ? null : titles.get((String) last[7]), last == null ? null : toInstant(last[6]),
                    own));
        }
        views.sort(Comparator.comparing((StudentView s) -> s.name() == null ? "\uffff" : s.name())
                .thenComparing(StudentView::userId));
        return views;
    }

    private List<StudentView.ResultView> results(String tenant, String courseId, String column, String value) {
        Map<String, String> titles = titles(tenant, courseId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT i.user_id, i.assignment_id, i.class_sourced_id, i.status, i.reason_code, i.message,
                       i.written_score, i.written_at, i.pending_since, i.occurred_at,
                       (SELECT max(m.name) FROM roster_member m WHERE m.tenant = i.tenant
                          AND m.course_id = i.course_id AND m.role = 'STUDENT' AND m.user_id = i.user_id)
                FROM item_status i
                WHERE i.tenant = ?1 AND i.course_id = ?2 AND i.kind = 'RESULT' AND i.%s = ?3
                ORDER BY i.assignment_id, i.user_id
                """.formatted(column)).setParameter(1, tenant).setParameter(2, courseId).setParameter(3, value)
                .getResultList();
        return rows.stream().map(r -> resultView(r, (String) r[10], titles)).toList();
    }

    /** A result row: user, assignment, class, status, reason, message, written score and times. */
    private static StudentView.ResultView resultView(Object[] r, String studentName, Map<String, String> titles) {
        String assignmentId = (String) r[1];
        return new StudentView.ResultView(assignmentId, titles.get(assignmentId), (String) r[0], studentName,
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], toDouble(r[6]), toInstant(r[7]),
                toInstant(r[8]), toInstant(r[9]));
    }

    private Map<String, String> titles(String tenant, String courseId) {
        Map<String, String> titles = new LinkedHashMap<>();
        for (Object row : entityManager.createNativeQuery(
                "SELECT assignment_id, title FROM assignment_status WHERE tenant = ?1 AND course_id = ?2")
                .setParameter(1, tenant).setParameter(2, courseId).getResultList()) {
            Object[] r = (Object[]) row;
            titles.put((String) r[0], (String) r[1]);
        }
        return titles;
    }
}
