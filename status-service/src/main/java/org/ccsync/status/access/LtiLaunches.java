package org.ccsync.status.access;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.ccsync.status.persistence.StatusQueries;
import org.ccsync.status.platform.StatusConfig;

/**
 * The state of LTI launches in PostgreSQL, shared by every replica: the state and nonce of each login initiation
 * (usable once), and the browser sessions that verified launches open (the table keeps only a hash of each id).
 */
@ApplicationScoped
public class LtiLaunches {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager entityManager;
    private final StatusConfig config;

    public LtiLaunches(EntityManager entityManager, StatusConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** A login initiation's state and nonce, sent to the platform. */
    public record Login(String state, String nonce) {
    }

    /** What became of the login initiation a launch names. */
    public enum Use {
        /** First use, in time, with the nonce that was sent. */
        FIRST,
        /** Used before: the launch is a replay. */
        USED_BEFORE,
        /** No such initiation, or one of another district or nonce. */
        UNKNOWN,
        /** The launch came later than {@code ccsync.lti.launch-timeout}. */
        TIMED_OUT
    }

    /** A session opened by a launch. */
    public record Session(String tenant, String courseId, boolean admin, String userName, String login) {
    }

    /** Records a new login initiation for the district and returns its state and nonce. */
    @Transactional
    public Login startLogin(String tenant) {
        Login login = new Login(randomToken(), randomToken());
        entityManager.createNativeQuery("""
                INSERT INTO lti_login (state, nonce, tenant, created_at) VALUES (?1, ?2, ?3, ?4)
                """).setParameter(1, login.state()).setParameter(2, login.nonce()).setParameter(3, tenant)
                .setParameter(4, Instant.now()).executeUpdate();
        return login;
    }

    /** Uses the login initiation of {@code state} once, if its nonce and district are the launch's. */
    @Transactional
    public Use useLogin(String state, String nonce, String tenant) {
        List<?> used = entityManager.createNativeQuery("""
                UPDATE lti_login SET used_at = ?4
                WHERE state = ?1 AND nonce = ?2 AND tenant = ?3 AND used_at IS NULL
                RETURNING created_at
                """).setParameter(1, state).setParameter(2, nonce).setParameter(3, tenant)
                .setParameter(4, Instant.now()).getResultList();
        if (used.isEmpty()) {
            boolean existed = !entityManager.createNativeQuery("""
                    SELECT 1 FROM lti_login WHERE (state = ?1 OR nonce = ?2) AND used_at IS NOT NULL
                    """).setParameter(1, state).setParameter(2, nonce).setMaxResults(1).getResultList().isEmpty();
            return existed ? Use.USED_BEFORE : Use.UNKNOWN;
        }
        Instant created = StatusQueries.toInstant(used.get(0));
        return created.plus(config.lti().launchTimeout()).isBefore(Instant.now()) ? Use.TIMED_OUT : Use.FIRST;
    }

    /** Opens a browser session for a verified launch and returns the id for the cookie. */
    @Transactional
    public String openSession(Session session) {
        String id = randomToken() + randomToken();
        Instant now = Instant.now();
        entityManager.createNativeQuery("""
                INSERT INTO lti_session (id_hash, tenant, course_id, admin, user_name, login, created_at, expires_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                """).setParameter(1, hash(id)).setParameter(2, session.tenant()).setParameter(3, session.courseId())
                .setParameter(4, session.admin()).setParameter(5, session.userName()).setParameter(6, session.login())
                .setParameter(7, now).setParameter(8, now.plus(config.lti().sessionLifetime())).executeUpdate();
        return id;
    }

    /** The live session of a cookie's id. */
    @ActivateRequestContext
    @Transactional
    public Optional<Session> session(String id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT tenant, course_id, admin, user_name, login FROM lti_session
                WHERE id_hash = ?1 AND expires_at > ?2
                """).setParameter(1, hash(id)).setParameter(2, Instant.now()).getResultList();
        return rows.stream().findFirst().map(r -> new Session((String) r[0], (String) r[1], (Boolean) r[2],
                (String) r[3], (String) r[4]));
    }

    /** Ends a session (sign-out). */
    @Transactional
    public void closeSession(String id) {
        entityManager.createNativeQuery("DELETE FROM lti_session WHERE id_hash = ?1").setParameter(1, hash(id))
                .executeUpdate();
    }

    /** Forgets expired sessions and login initiations too old to be launched, hourly. */
    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    public void forgetExpired() {
        Instant now = Instant.now();
        int sessions = entityManager.createNativeQuery("DELETE FROM lti_session WHERE expires_at < ?1")
                .setParameter(1, now).executeUpdate();
        // A used initiation is kept a while longer than it could be launched, so a late replay reads as a replay.
        int logins = entityManager.createNativeQuery("DELETE FROM lti_login WHERE created_at < ?1")
                .setParameter(1, now.minus(config.lti().launchTimeout().multipliedBy(12))).executeUpdate();
        if (sessions + logins > 0) {
            Log.infof("forgot %d expired LTI sessions and %d old LTI login initiations", sessions, logins);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
