package org.ccsync.status.access;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccsync.status.persistence.AuditLog;

/**
 * Decides what the caller may see: a district admin their district, a teacher only the courses whose Canvas roster
 * lists their login (or, after a launch from Canvas, only the course the launch opened), and nobody another
 * district. The caller's grants come from {@link CallerAugmentor} or an LTI session.
 */
@ApplicationScoped
public class Access {

    public static final String ADMIN = "district-admin";
    public static final String TEACHER = "teacher";

    private static final Caller NOBODY = new Caller("unknown", Caller.SCRIPT, Map.of(), List.of());

    private final SecurityIdentity identity;
    private final EntityManager entityManager;

    public Access(SecurityIdentity identity, EntityManager entityManager) {
        this.identity = identity;
        this.entityManager = entityManager;
    }

    /** The caller may look at this district (as its admin or as one of its teachers). */
    public void district(String tenant) {
        grant(tenant);
    }

    /** The caller administers this district. */
    public void admin(String tenant) {
        if (!grant(tenant).admin()) {
            throw new AccessDeniedException();
        }
    }

    /** The caller administers the course's district or teaches the course. */
    public void course(String tenant, String courseId) {
        Caller.Grant grant = grant(tenant);
        if (!grant.admin() && !teaches(tenant, courseId, grant)) {
            throw new AccessDeniedException();
        }
    }

    /** The courses a teacher may see, or empty for an admin who sees every course of the district. */
    public Optional<Collection<String>> visibleCourses(String tenant) {
        Caller.Grant grant = grant(tenant);
        if (grant.admin()) {
            return Optional.empty();
        }
        if (grant.onlyCourse() != null) {
            return Optional.of(List.of(grant.onlyCourse()));
        }
        List<String> logins = caller().logins();
        if (logins.isEmpty()) {
            return Optional.of(List.of());
        }
        @SuppressWarnings("unchecked")
        List<String> courses = entityManager.createNativeQuery("""
                SELECT DISTINCT course_id FROM roster_member
                WHERE tenant = ?1 AND role = 'TEACHER' AND lower(login_id) IN (?2)
                """).setParameter(1, tenant).setParameter(2, logins).getResultList();
        return Optional.of(courses);
    }

    /** Whether the caller administers this district. */
    public boolean isAdmin(String tenant) {
        return caller().grant(tenant).map(Caller.Grant::admin).orElse(false);
    }

    /** The caller's district, for the web page's landing redirect: one they administer first. */
    public Optional<String> callerDistrict() {
        Map<String, Caller.Grant> grants = caller().grants();
        return grants.entrySet().stream().filter(e -> e.getValue().admin()).map(Map.Entry::getKey).findFirst()
                .or(() -> grants.keySet().stream().findFirst());
    }

    /** How the caller is named in run history, published changes and the audit: a login rather than a subject. */
    public String callerName() {
        return caller().name();
    }

    /** The caller as the audit records them. */
    public AuditLog.Actor actor() {
        Caller caller = caller();
        return new AuditLog.Actor(caller.name(), caller.signIn());
    }

    /** Who is calling, or nobody (no grants) for an anonymous caller. */
    public Caller caller() {
        Caller caller = identity.isAnonymous() ? null : identity.getAttribute(Caller.ATTRIBUTE);
        return caller == null ? NOBODY : caller;
    }

    private Caller.Grant grant(String tenant) {
        return caller().grant(tenant).orElseThrow(AccessDeniedException::new);
    }

    private boolean teaches(String tenant, String courseId, Caller.Grant grant) {
        if (grant.onlyCourse() != null) {
            return grant.onlyCourse().equals(courseId);
        }
        List<String> logins = caller().logins();
        if (logins.isEmpty()) {
            return false;
        }
        return !entityManager.createNativeQuery("""
                SELECT 1 FROM roster_member
                WHERE tenant = ?1 AND course_id = ?2 AND role = 'TEACHER' AND lower(login_id) IN (?3)
                """).setParameter(1, tenant).setParameter(2, courseId).setParameter(3, logins)
                .setMaxResults(1).getResultList().isEmpty();
    }
}
