package org.ccsync.status.access;

import io.quarkus.security.PermissionChecker;
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
 *
 * <p>Resources ask through {@code @PermissionsAllowed} with one of the permissions below; its checker reads the
 * secured method's {@code tenant} (and {@code courseId}) parameters. A caller refused gets 403 (401 if anonymous).
 */
@ApplicationScoped
public class Access {

    public static final String ADMIN = "district-admin";
    public static final String TEACHER = "teacher";

    /** The caller may look at district {@code tenant} (as its admin or as one of its teachers). */
    public static final String SEE_DISTRICT = "see-district";
    /** The caller administers district {@code tenant}. */
    public static final String ADMINISTER_DISTRICT = "administer-district";
    /** The caller administers district {@code tenant} or teaches its course {@code courseId}. */
    public static final String REACH_COURSE = "reach-course";

    private static final Caller NOBODY = new Caller("unknown", Caller.SCRIPT, Map.of(), List.of());

    private final SecurityIdentity identity;
    private final EntityManager entityManager;

    public Access(SecurityIdentity identity, EntityManager entityManager) {
        this.identity = identity;
        this.entityManager = entityManager;
    }

    @PermissionChecker(SEE_DISTRICT)
    boolean seesDistrict(SecurityIdentity identity, String tenant) {
        return callerOf(identity).grant(tenant).isPresent();
    }

    @PermissionChecker(ADMINISTER_DISTRICT)
    boolean administersDistrict(SecurityIdentity identity, String tenant) {
        return callerOf(identity).grant(tenant).map(Caller.Grant::admin).orElse(false);
    }

    @PermissionChecker(REACH_COURSE)
    boolean reachesCourse(SecurityIdentity identity, String tenant, String courseId) {
        Caller caller = callerOf(identity);
        return caller.grant(tenant).map(grant -> grant.admin() || teaches(caller, tenant, courseId, grant))
                .orElse(false);
    }

    /**
     * {@link #REACH_COURSE} checked by hand, where a resource has no role requirement: there an anonymous caller is
     * refused with 403, where {@code @PermissionsAllowed} would answer 401.
     */
    public void course(String tenant, String courseId) {
        if (!reachesCourse(identity, tenant, courseId)) {
            throw new AccessDeniedException();
        }
    }

    /**
     * The courses a teacher may see, or empty for an admin who sees every course of the district; none for a caller
     * without a grant in the district (whom {@link #SEE_DISTRICT} keeps out).
     */
    public Optional<Collection<String>> visibleCourses(String tenant) {
        Optional<Caller.Grant> found = caller().grant(tenant);
        if (found.isEmpty()) {
            return Optional.of(List.of());
        }
        Caller.Grant grant = found.get();
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
        return administersDistrict(identity, tenant);
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
        return callerOf(identity);
    }

    private static Caller callerOf(SecurityIdentity identity) {
        Caller caller = identity.isAnonymous() ? null : identity.getAttribute(Caller.ATTRIBUTE);
        return caller == null ? NOBODY : caller;
    }

    private boolean teaches(Caller caller, String tenant, String courseId, Caller.Grant grant) {
        if (grant.onlyCourse() != null) {
            return grant.onlyCourse().equals(courseId);
        }
        List<String> logins = caller.logins();
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
