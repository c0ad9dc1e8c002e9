package org.ccsync.writer.domain;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccsync.writer.outbound.ic.OneRosterClient;
import org.ccsync.writer.outbound.ic.RosterCache;
import org.ccsync.writer.outbound.ic.WriteFailure;
import org.ccsync.writer.platform.WriterConfig;

/**
 * Turns the Canvas SIS ids a command carries into IC sourcedIds, by the district's identity strategy: SIS ids as they
 * are (Canvas provisioned from IC), or looked up in IC's rostering: a class by sourcedId, then by {@code classCode};
 * a student of that class by sourcedId, {@code identifier}, {@code userIds} or the OneRoster 1.1 id that IC keeps in
 * {@code metadata.ic.legacysourceId}. Lookups, misses included, are cached like the rest of the roster.
 */
@ApplicationScoped
public class IdentityResolver {

    static final String CLASS_NOT_IN_IC = "class_not_in_ic";
    static final String STUDENT_NOT_IN_IC = "student_not_in_ic";

    /** The IC ids of a result: its class and its student. */
    public record ResultIds(String classSourcedId, String studentSourcedId) {
    }

    private final OneRosterClient client;
    private final RosterCache cache;

    public IdentityResolver(OneRosterClient client, RosterCache cache) {
        this.client = client;
        this.cache = cache;
    }

    public WriterConfig.IdentityStrategy strategy(String tenant) {
        return client.district(tenant).identityStrategy();
    }

    /** The IC class of a Canvas section id; may read IC rostering. */
    public String icClass(String tenant, String sisSectionId) {
        if (strategy(tenant) == WriterConfig.IdentityStrategy.SIS_IDS) {
            return sisSectionId;
        }
        return cache.<Optional<String>>get(classKey(tenant, sisSectionId), () -> findClass(tenant, sisSectionId))
                .orElseThrow(() -> classNotFound(tenant, sisSectionId));
    }

    /**
     * The IC ids of a result without any IC call: empty when they need a rostering read first.
     *
     * @throws WriteFailure when the cache already knows IC has no such class or student
     */
    public Optional<ResultIds> resultIdsNow(String tenant, String sisSectionId, String sisUserId) {
        if (strategy(tenant) == WriterConfig.IdentityStrategy.SIS_IDS) {
            return Optional.of(new ResultIds(sisSectionId, sisUserId));
        }
        Optional<Optional<String>> icClass = cache.peek(classKey(tenant, sisSectionId));
        if (icClass.isEmpty()) {
            return Optional.empty();
        }
        String classId = icClass.get().orElseThrow(() -> classNotFound(tenant, sisSectionId));
        Optional<Map<String, String>> students = cache.peek(studentsKey(tenant, classId));
        return students.map(index -> new ResultIds(classId, student(index, tenant, classId, sisUserId)));
    }

    /** The IC ids of a result; may read IC rostering. */
    public ResultIds resultIds(String tenant, String sisSectionId, String sisUserId) {
        if (strategy(tenant) == WriterConfig.IdentityStrategy.SIS_IDS) {
            return new ResultIds(sisSectionId, sisUserId);
        }
        String classId = icClass(tenant, sisSectionId);
        Map<String, String> index = cache.get(studentsKey(tenant, classId), () -> studentIndex(tenant, classId));
        return new ResultIds(classId, student(index, tenant, classId, sisUserId));
    }

    private Optional<String> findClass(String tenant, String sisSectionId) {
        Optional<JsonNode> bySourcedId = client.findClass(tenant, sisSectionId);
        if (bySourcedId.isPresent()) {
            return Optional.of(bySourcedId.get().path("sourcedId").asText(sisSectionId));
        }
        if (sisSectionId.contains("'")) {
            return Optional.empty();
        }
        List<JsonNode> byCode = client.classes(tenant, "classCode='" + sisSectionId + "'");
        List<String> ids = byCode.stream().filter(c -> !"tobedeleted".equals(c.path("status").asText()))
                .map(c -> c.path("sourcedId").asText()).distinct().toList();
        if (ids.size() > 1) {
            throw WriteFailure.rejected("class_ambiguous_in_ic", 0, "Canvas section " + sisSectionId + " matches "
                    + ids.size() + " Infinite Campus classes by classCode (" + String.join(", ", ids)
                    + "); give the section the IC class's sourcedId as its SIS id.");
        }
        return ids.stream().findFirst();
    }

    /** Every id a student of the class is known by, to their sourcedId; sourcedIds win over identifiers and so on. */
    private Map<String, String> studentIndex(String tenant, String classId) {
        List<JsonNode> students = client.students(tenant, classId).stream()
                .filter(s -> !"tobedeleted".equals(s.path("status").asText())).toList();
        Map<String, String> index = new HashMap<>();
        students.forEach(s -> index.putIfAbsent(s.path("sourcedId").asText(), s.path("sourcedId").asText()));
        students.forEach(s -> putText(index, s.path("identifier"), s));
        students.forEach(s -> s.path("userIds").forEach(id -> putText(index, id.path("identifier"), s)));
        students.forEach(s -> putText(index, s.path("metadata").path("ic").path("legacysourceId"), s));
        return Map.copyOf(index);
    }

    private static void putText(Map<String, String> index, JsonNode key, JsonNode student) {
        if (key.isTextual() && !key.asText().isBlank()) {
            index.putIfAbsent(key.asText(), student.path("sourcedId").asText());
        }
    }

    private static String student(Map<String, String> index, String tenant, String classId, String sisUserId) {
        String id = sisUserId == null ? null : index.get(sisUserId);
        if (id == null) {
            throw WriteFailure.rejected(STUDENT_NOT_IN_IC, 0, "Student " + sisUserId + " was not found in Infinite "
                    + "Campus class " + classId + " (district " + tenant + " matches students through IC rostering by "
                    + "sourcedId, identifier, userIds or legacy OneRoster 1.1 id); the score is not sent. Check the "
                    + "student's enrollment in IC or their SIS id in Canvas.");
        }
        return id;
    }

    private static WriteFailure classNotFound(String tenant, String sisSectionId) {
        return WriteFailure.rejected(CLASS_NOT_IN_IC, 0, "Canvas section " + sisSectionId + " was not found in "
                + "Infinite Campus (district " + tenant + " matches classes through IC rostering by sourcedId or "
                + "classCode); nothing of it is sent.");
    }

    private static String classKey(String tenant, String sisSectionId) {
        return "identity-class|" + tenant + "|" + sisSectionId;
    }

    private static String studentsKey(String tenant, String classId) {
        return "identity-students|" + tenant + "|" + classId;
    }
}
