package org.ccsync.writer.persistence;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ccsync.contracts.CampusWrite;
import org.ccsync.contracts.DeleteLineItem;
import org.ccsync.contracts.DeleteResult;
import org.ccsync.contracts.ItemKind;
import org.ccsync.contracts.ItemRef;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.contracts.EventIds;
import org.ccsync.writer.outbound.CampusWriteRequeue;

/**
 * Writes held for a district admin instead of being sent. A course's lineItem deletes are first collected as one
 * burst (persisted with their commands); once the burst is quiet it is judged: more deletes than the district's
 * threshold, or most of the course's lineItems (a wrong Canvas URL, a revoked permission or a Canvas incident reads as
 * "deleted"), and the burst is held, with every later delete of the course joining it, until an admin releases it (the
 * commands go back on campus-writes and are sent) or discards it (IC stays as it is); else it is sent. Deletes because
 * Canvas answers 404 for the whole course are held at once; changes of more than the district's share of a course's
 * scores within a window are held from the one that passes the share on. Who decided, and when, is kept on the hold.
 */
@ApplicationScoped
public class HeldChanges {

    /** The outcome code of a held write. */
    public static final String HELD_CODE = "held_for_approval";
    public static final String LINE_ITEM_DELETES = "line_item_deletes";
    /** The hold of a course Canvas answers 404 for, and the reason code of the deletes that causes. */
    public static final String COURSE_NOT_FOUND = "course_not_found";
    /** The hold of a course whose scores in IC change in too large a share at once. */
    public static final String RESULT_CHANGES = "result_changes";
    static final String COURSE_NOT_FOUND_REASON = "Canvas answers 404 for this course: it was deleted, or the "
            + "district's Canvas address or token no longer reaches it. Its lineItems would be deleted in Infinite "
            + "Campus, so nothing is deleted until a district admin releases the deletes (or discards them). When "
            + "Canvas answers for the course again, the hold is discarded by itself.";

    public static final String HELD = "HELD";
    static final String RELEASED = "RELEASED";
    static final String DISCARDED = "DISCARDED";

    private final EntityManager entityManager;
    private final CommandJson commands;

    public HeldChanges(EntityManager entityManager, CommandJson commands) {
        this.entityManager = entityManager;
        this.commands = commands;
    }

    /** What the gate does with a lineItem delete. */
    public enum Gate {
        /** Send it: a copy released by an admin, or a burst judged ordinary. */
        PASS,
        /** Collected with the rest of its burst; decided once the burst is quiet. */
        COLLECTING,
        /** Held for a district admin. */
        HELD
    }

    /** The gate's answer, with the hold the delete joined and whether the delete opened it. */
    public record Gated(Gate gate, long holdId, boolean opened) {
    }

    /**
     * Lets a lineItem delete through only once its burst is known: a released copy passes; with an open hold of the
     * course it joins that hold; else it is collected with the course's other deletes of the moment, and
     * {@link #settle} decides for all of them together. A delete because Canvas answers 404 for the whole course is
     * held at once, in the course's own {@code course_not_found} hold.
     */
    @Transactional
    public Gated gate(DeleteLineItem command) {
        if (released(command.eventId())) {
            return new Gated(Gate.PASS, 0, false);
        }
        boolean courseGone = COURSE_NOT_FOUND.equals(command.reasonCode());
        String code = courseGone ? COURSE_NOT_FOUND : LINE_ITEM_DELETES;
        lockCourse(command.tenant(), command.courseId());
        Optional<Object[]> open = open(command.tenant(), command.courseId(), code);
        long holdId;
        Gate gate;
        if (open.isPresent()) {
            holdId = ((Number) open.get()[0]).longValue();
            gate = HELD.equals(open.get()[1]) ? Gate.HELD : Gate.COLLECTING;
        } else {
            holdId = createHold(command.tenant(), command.courseId(), code,
                    courseGone ? COURSE_NOT_FOUND_REASON : "collecting the deletes of one burst",
                    courseGone ? HELD : "COLLECTING");
            gate = courseGone ? Gate.HELD : Gate.COLLECTING;
            if (courseGone) {
                Log.warnf("holding the lineItem deletes of course %s/%s for a district admin (hold %d): Canvas "
                        + "answers 404 for the course", command.tenant(), command.courseId(), holdId);
            }
        }
        addCommand(holdId, command, "Delete lineItem of assignment " + command.assignmentId() + " in class "
                + command.classSourcedId() + " (" + command.reasonCode() + ")");
        if (gate == Gate.COLLECTING) {
            entityManager.createNativeQuery("update held_change set held_at = :at where id = :id")
                    .setParameter("at", Timestamp.from(Instant.now())).setParameter("id", holdId).executeUpdate();
        }
        return new Gated(gate, holdId, open.isEmpty());
    }

    /** The open {@code course_not_found} holds of a course, which Canvas answering for it again makes moot. */
    @Transactional
    public List<Long> openCourseNotFound(String tenant, String courseId) {
        return entityManager.createNativeQuery("""
                select id from held_change where tenant = :tenant and course_id = :course and status = 'HELD'
                and reason_code = :code
                """).setParameter("tenant", tenant).setParameter("course", courseId)
                .setParameter("code", COURSE_NOT_FOUND).getResultList().stream()
                .map(o -> ((Number) o).longValue()).toList();
    }

    /** A burst's decision: held for an admin (with the reason), or let through. */
    public record Settled(boolean held, String reason, List<CampusWrite> commands) {
    }

    /**
     * Decides a collecting burst once nothing joined it for {@code quiet}: held when it deletes more lineItems than
     * the threshold, or at least {@code minForShare} and more than half of the course's lineItems in IC (Canvas
     * answering 404 for most of a course's assignments); else every delete goes, under a released event id.
     *
     * @return empty while the burst is still growing (or already decided)
     */
    @Transactional
    public Optional<Settled> settle(long holdId, int threshold, int minForShare, Duration quiet) {
        List<?> found = entityManager.createNativeQuery("""
                select tenant, course_id, held_at from held_change where id = :id and status = 'COLLECTING'
                for update
                """).setParameter("id", holdId).getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Object[] hold = (Object[]) found.get(0);
        if (DriftRepository.instant(hold[2]).plus(quiet).isAfter(Instant.now())) {
            return Optional.empty();
        }
        String tenant = (String) hold[0];
        String courseId = (String) hold[1];
        List<Object[]> held = new ArrayList<>();
        for (Object o : entityManager.createNativeQuery(
                "select id, event_id, command from held_command where hold_id = :hold order by id")
                .setParameter("hold", holdId).getResultList()) {
            held.add((Object[]) o);
        }
        int deletes = held.size();
        int live = ((Number) entityManager.createNativeQuery("""
                select count(*) from write_ledger where tenant = :tenant and course_id = :course
                and kind = 'LINE_ITEM' and not deleted
                """).setParameter("tenant", tenant).setParameter("course", courseId).getSingleResult()).intValue();
        String reason = null;
        if (deletes > threshold) {
            reason = deletes + " lineItems of this course would be deleted at once, more than the district's "
                    + "threshold of " + threshold + ".";
        } else if (deletes >= minForShare && deletes * 2 > live) {
            reason = deletes + " of the course's " + live + " lineItems in Infinite Campus would be deleted at once: "
                    + "Canvas answered as if most of its assignments were gone.";
        }
        if (reason != null) {
            reason += " A wrong Canvas address, a revoked permission or a Canvas incident can look like that, so "
                    + "nothing is deleted until a district admin releases the deletes (or discards them).";
            entityManager.createNativeQuery("""
                    update held_change set status = 'HELD', reason = :reason, held_at = :at where id = :id
                    """).setParameter("reason", reason).setParameter("at", Timestamp.from(Instant.now()))
                    .setParameter("id", holdId).executeUpdate();
            Log.warnf("holding %d lineItem deletes of course %s/%s for a district admin (hold %d): %s", deletes,
                    tenant, courseId, holdId, reason);
            List<CampusWrite> list = held.stream().map(r -> commands.read((String) r[2])).toList();
            return Optional.of(new Settled(true, reason, list));
        }
        entityManager.createNativeQuery("""
                update held_change set status = 'PASSED', reason = :reason, decided_by = 'automatic',
                decided_at = :at where id = :id
                """).setParameter("reason", deletes + " lineItem deletes, within the district's limits")
                .setParameter("at", Timestamp.from(Instant.now())).setParameter("id", holdId).executeUpdate();
        return Optional.of(new Settled(false, null, releaseAll(holdId, held)));
    }

    /** Collecting bursts, to decide after a restart. */
    @Transactional
    public List<Long> collecting() {
        return entityManager.createNativeQuery("select id from held_change where status = 'COLLECTING'")
                .getResultList().stream().map(o -> ((Number) o).longValue()).toList();
    }

    /** The item a held write is about, as outcomes name it. */
    public static ItemRef itemOf(CampusWrite command) {
        if (command instanceof UpsertResult result) {
            return new ItemRef(ItemKind.RESULT, result.assignmentId(), result.userId(), result.classSourcedId(),
                    result.resultSourcedId(), null);
        }
        if (command instanceof DeleteResult result) {
            return new ItemRef(ItemKind.RESULT, result.assignmentId(), result.userId(), result.classSourcedId(),
                    result.resultSourcedId(), null);
        }
        return new ItemRef(ItemKind.LINE_ITEM, command.assignmentId(), null, command.classSourcedId(),
                command.lineItemSourcedId(), null);
    }

    /**
     * Marks an open hold released by an admin and returns its commands, each with the event id its released copy
     * travels under (which passes the gate).
     */
    @Transactional
    public Optional<List<CampusWrite>> release(String tenant, long id, String by) {
        if (!decide(tenant, id, RELEASED, by)) {
            return Optional.empty();
        }
        List<Object[]> held = new ArrayList<>();
        for (Object o : entityManager.createNativeQuery(
                "select id, event_id, command from held_command where hold_id = :hold order by id")
                .setParameter("hold", id).getResultList()) {
            held.add((Object[]) o);
        }
        return Optional.of(releaseAll(id, held));
    }

    /** Gives each held command the event id its sent copy travels under, which passes the gate. */
    private List<CampusWrite> releaseAll(long holdId, List<Object[]> held) {
        List<CampusWrite> released = new ArrayList<>();
        for (Object[] row : held) {
            String releasedId = EventIds.of("hold-released", holdId, row[1]);
            entityManager.createNativeQuery("update held_command set released_event_id = :r where id = :id")
                    .setParameter("r", releasedId).setParameter("id", row[0]).executeUpdate();
            released.add(CampusWriteRequeue.withEventId(commands.read((String) row[2]), releasedId));
        }
        return released;
    }

    /** Marks an open hold discarded: its writes are never sent. */
    @Transactional
    public boolean discard(String tenant, long id, String by) {
        return decide(tenant, id, DISCARDED, by);
    }

    /** The commands of a hold, to report each one after a decision. */
    @Transactional
    public List<CampusWrite> commandsOf(long id) {
        List<CampusWrite> list = new ArrayList<>();
        for (Object o : entityManager.createNativeQuery(
                "select command from held_command where hold_id = :hold order by id").setParameter("hold", id)
                .getResultList()) {
            list.add(commands.read((String) o));
        }
        return list;
    }

    private boolean decide(String tenant, long id, String status, String by) {
        return entityManager.createNativeQuery("""
                update held_change set status = :status, decided_by = :by, decided_at = :at
                where tenant = :tenant and id = :id and status = 'HELD'
                """).setParameter("status", status).setParameter("by", by)
                .setParameter("at", Timestamp.from(Instant.now())).setParameter("tenant", tenant)
                .setParameter("id", id).executeUpdate() == 1;
    }

    public boolean released(String eventId) {
        return !entityManager.createNativeQuery("""
                select 1 from held_command c join held_change h on h.id = c.hold_id
                where c.released_event_id = :event and h.status in ('RELEASED', 'PASSED')
                """).setParameter("event", eventId).getResultList().isEmpty();
    }

    /** One course's gated writes are prepared side by side: they take their turn, one at a time. */
    public void lockCourse(String tenant, String courseId) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", "held-change/" + tenant + "/" + courseId).getSingleResult();
    }

    public long createHold(String tenant, String courseId, String code, String reason, String status) {
        return ((Number) entityManager.createNativeQuery("""
                insert into held_change (tenant, course_id, reason_code, reason, status, held_at)
                values (:tenant, :course, :code, :reason, :status, :at)
                returning id
                """).setParameter("tenant", tenant).setParameter("course", courseId).setParameter("code", code)
                .setParameter("reason", reason).setParameter("status", status)
                .setParameter("at", Timestamp.from(Instant.now())).getSingleResult()).longValue();
    }

    public void addCommand(long holdId, CampusWrite command, String description) {
        entityManager.createNativeQuery("""
                insert into held_command (hold_id, event_id, target_sourced_id, description, command)
                values (:hold, :event, :target, :description, :command) on conflict (event_id) do nothing
                """).setParameter("hold", holdId).setParameter("event", command.eventId())
                .setParameter("target", command.targetSourcedId()).setParameter("description", description)
                .setParameter("command", commands.write(command)).executeUpdate();
    }

    public Optional<Object[]> open(String tenant, String courseId, String code) {
        List<?> found = entityManager.createNativeQuery("""
                select id, status from held_change where tenant = :tenant and course_id = :course
                and status in ('HELD', 'COLLECTING') and reason_code = :code order by id limit 1
                """).setParameter("tenant", tenant).setParameter("course", courseId)
                .setParameter("code", code).getResultList();
        return found.stream().findFirst().map(o -> (Object[]) o);
    }
}
