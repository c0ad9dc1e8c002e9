package org.ccsync.status;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Decides what the caller may see: a {@code district-admin} their district (the token's district claim), a
 * {@code teacher} only the courses whose Canvas roster lists their login (e-mail, upn or preferred username), and
 * nobody another district.
 */
@ApplicationScoped
public class Access {

    public static final String ADMIN = "district-admin";
    public static final String TEACHER = "teacher";

    private final SecurityIdentity identity;
    private final JsonWebToken jwt;
    private final EntityManager entityManager;
    private final StatusConfig config;

    public Access(SecurityIdentity identity, JsonWebToken jwt, EntityManager entityManager, StatusConfig config) {
        this.identity = identity;
        this.jwt = jwt;
        this.entityManager = entityManager;
        this.config = config;
    }

    /** The caller may look at this district (as its admin or as one of its teachers). */
    public void district(String tenant) {
        if (!(isAdmin() || isTeacher()) || !claimValues(config.auth().districtClaim()).contains(tenant)) {
            throw new AccessDeniedException();
        }
    }

    /** The caller administers this district. */
    public void admin(String tenant) {
        district(tenant);
        if (!isAdmin()) {
            throw new AccessDeniedException();
        }
    }

    /** The caller administers the course's district or teaches the course. */
    public void course(String tenant, String courseId) {
        district(tenant);
        if (!isAdmin() && !teaches(tenant, courseId)) {
            throw new AccessDeniedException();
        }
    }

    /** The courses a teacher may see, or empty for an admin who sees every course of the district. */
    public Optional<Collection<String>> visibleCourses(String tenant) {
        district(tenant);
        if (isAdmin()) {
            return Optional.empty();
        }
        List<String> logins = logins();
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

    public boolean isAdmin() {
        return identity.hasRole(ADMIN);
    }

    /** The caller's district, for the web page's landing redirect. */
    public Optional<String> callerDistrict() {
        List<String> districts = claimValues(config.auth().districtClaim());
        return districts.isEmpty() ? Optional.empty() : Optional.of(districts.get(0));
    }

    /** How the caller is named in run history and published changes: a login name rather than an opaque subject. */
    public String callerName() {
        for (String claim : List.of("preferred_username", "upn", "email")) {
            List<String> values = claimValues(claim);
            if (!values.isEmpty() && !values.get(0).isBlank()) {
                return values.get(0);
            }
        }
        String name = jwt.getName();
        return name == null || name.isBlank() ? "unknown" : name;
    }

    private boolean isTeacher() {
        return identity.hasRole(TEACHER);
    }

    private boolean teaches(String tenant, String courseId) {
        List<String> logins = logins();
        if (!isTeacher() || logins.isEmpty()) {
            return false;
        }
        return !entityManager.createNativeQuery("""
                SELECT 1 FROM roster_member
                WHERE tenant = ?1 AND course_id = ?2 AND role = 'TEACHER' AND lower(login_id) IN (?3)
                """).setParameter(1, tenant).setParameter(2, courseId).setParameter(3, logins)
                .setMaxResults(1).getResultList().isEmpty();
    }

    private List<String> logins() {
        List<String> logins = new ArrayList<>();
        for (String claim : config.auth().loginClaims()) {
            for (String value : claimValues(claim)) {
                if (!value.isBlank()) {
                    logins.add(value.toLowerCase(Locale.ROOT));
                }
            }
        }
        return logins;
    }

    private List<String> claimValues(String claim) {
        if (jwt == null || jwt.getRawToken() == null) {
            return List.of();
        }
        Object value = jwt.getClaim(claim);
        List<String> values = new ArrayList<>();
        if (value instanceof String s) {
            values.add(s);
        } else if (value instanceof JsonString s) {
            values.add(s.getString());
        } else if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonString s) {
                    values.add(s.getString());
                }
            }
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> values.add(String.valueOf(item)));
        }
        return values;
    }
}
