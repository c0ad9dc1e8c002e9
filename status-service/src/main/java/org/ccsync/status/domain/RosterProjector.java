package org.ccsync.status.domain;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.ccsync.contracts.AssignmentChanged;
import org.ccsync.contracts.RosterChanged;
import org.ccsync.status.persistence.ItemStatusRepository;
import org.ccsync.support.ProcessedEvents;
import org.hibernate.Session;

/**
 * Keeps each course's name, sections, students and teachers (the latest roster snapshot wins whole) and each
 * assignment's title and settings (the newest version wins), once per event id.
 */
@ApplicationScoped
public class RosterProjector {

    private static final String UPDATE_COURSE = """
            UPDATE course_status SET course_name = ?3, published = ?4, roster_version = ?5
            WHERE tenant = ?1 AND course_id = ?2 AND roster_version < ?5
            """;

    private static final String UPSERT_ASSIGNMENT = """
            INSERT INTO assignment_status (tenant, course_id, assignment_id, title, group_name, points_possible,
                                           due_at, published, workflow_state, source_version)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT (tenant, course_id, assignment_id) DO UPDATE SET
                title = EXCLUDED.title, group_name = EXCLUDED.group_name,
                points_possible = EXCLUDED.points_possible, due_at = EXCLUDED.due_at,
                published = EXCLUDED.published, workflow_state = EXCLUDED.workflow_state,
                source_version = EXCLUDED.source_version
            WHERE assignment_status.source_version <= EXCLUDED.source_version
            """;

    private final EntityManager entityManager;
    private final ProcessedEvents processedEvents;
    private final ItemStatusRepository items;
    private final DailySyncService dailySync;

    public RosterProjector(EntityManager entityManager, ProcessedEvents processedEvents, ItemStatusRepository items,
            DailySyncService dailySync) {
        this.entityManager = entityManager;
        this.processedEvents = processedEvents;
        this.items = items;
        this.dailySync = dailySync;
    }

    /** Replaces the course's roster when the snapshot is newer than the one held. */
    @Transactional
    public void project(RosterChanged roster) {
        if (!firstTime(roster.eventId())) {
            return;
        }
        String tenant = roster.tenant();
        String courseId = roster.courseId();
        items.lockCourse(tenant, courseId);
        if (items.touchCourse(tenant, courseId, null, null)) {
            dailySync.courseDiscovered(tenant, courseId);
        }
        int updated = entityManager.createNativeQuery(UPDATE_COURSE)
                .setParameter(1, tenant)
                .setParameter(2, courseId)
                .setParameter(3, roster.courseName())
                .setParameter(4, roster.coursePublished())
                .setParameter(5, roster.sourceVersion())
                .executeUpdate();
        if (updated == 0) {
            Log.infof("roster %s of course %s/%s is older than the one held; ignored", roster.eventId(), tenant,
                    courseId);
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM course_section WHERE tenant = ? AND course_id = ?")) {
                delete.setString(1, tenant);
                delete.setString(2, courseId);
                delete.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM roster_member WHERE tenant = ? AND course_id = ?")) {
                delete.setString(1, tenant);
                delete.setString(2, courseId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO course_section (tenant, course_id, section_id, sis_section_id, name)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                for (RosterChanged.Section section : nonNull(roster.sections())) {
                    if (section.id() == null) {
                        continue;
                    }
                    insert.setString(1, tenant);
                    insert.setString(2, courseId);
                    insert.setString(3, section.id());
                    insert.setString(4, section.sisSectionId());
                    insert.setString(5, section.name());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO roster_member (tenant, course_id, role, user_id, section_id, sis_user_id, name,
                                               login_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                addMembers(insert, tenant, courseId, "STUDENT", roster.students());
                addMembers(insert, tenant, courseId, "TEACHER", roster.teachers());
                insert.executeBatch();
            }
        });
    }

    /** Keeps the assignment's title and settings when the snapshot is at least as new as the one held. */
    @Transactional
    public void project(AssignmentChanged assignment) {
        if (!firstTime(assignment.eventId())) {
            return;
        }
        items.lockCourse(assignment.tenant(), assignment.courseId());
        if (items.touchCourse(assignment.tenant(), assignment.courseId(), null, null)) {
            dailySync.courseDiscovered(assignment.tenant(), assignment.courseId());
        }
        entityManager.createNativeQuery(UPSERT_ASSIGNMENT)
                .setParameter(1, assignment.tenant())
                .setParameter(2, assignment.courseId())
                .setParameter(3, assignment.assignmentId())
                .setParameter(4, assignment.name())
                .setParameter(5, assignment.group() == null ? null : assignment.group().name())
                .setParameter(6, assignment.pointsPossible())
                .setParameter(7, assignment.dueAt())
                .setParameter(8, assignment.published())
                .setParameter(9, assignment.workflowState())
                .setParameter(10, assignment.sourceVersion())
                .executeUpdate();
    }

    private boolean firstTime(String eventId) {
        if (processedEvents.markProcessed(eventId)) {
            return true;
        }
        Log.infof("skipping duplicate event %s", eventId);
        return false;
    }

    private static void addMembers(PreparedStatement insert, String tenant, String courseId, String role,
            List<RosterChanged.Enrollment> members) throws SQLException {
        for (RosterChanged.Enrollment member : nonNull(members)) {
            if (member.userId() == null) {
                continue;
            }
            insert.setString(1, tenant);
            insert.setString(2, courseId);
            insert.setString(3, role);
            insert.setString(4, member.userId());
            insert.setString(5, member.sectionId() == null ? "" : member.sectionId());
            insert.setString(6, member.sisUserId());
            insert.setString(7, member.name());
            insert.setString(8, member.loginId());
            insert.addBatch();
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
