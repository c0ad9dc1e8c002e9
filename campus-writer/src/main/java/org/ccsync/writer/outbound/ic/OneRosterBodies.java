package org.ccsync.writer.outbound.ic;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Optional;
import org.ccsync.contracts.UpsertLineItem;
import org.ccsync.contracts.UpsertResult;
import org.ccsync.writer.domain.IdentityResolver;

/**
 * Builds OneRoster 1.2 lineItem and result bodies with full GUIDRefs, and the content hash of each body
 * (everything but {@code dateLastModified}) that the ledger compares to skip unchanged writes.
 */
@ApplicationScoped
public class OneRosterBodies {

    static final String ACTIVE = "active";

    private final ObjectMapper json;
    private final OneRosterClient client;

    public OneRosterBodies(ObjectMapper json, OneRosterClient client) {
        this.json = json;
        this.client = client;
    }

    /**
     * A request body and its content hash.
     *
     * @param item the JSON of the object alone, without its wrapper (a result inside a batch)
     */
    public record Body(String json, String hash, String item) {
    }

    /** A OneRoster GUIDRef: the official schema wants all three fields. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"href", "sourcedId", "type"})
    public record GuidRef(String href, String sourcedId, String type) {
    }

    /** A OneRoster 1.2 lineItem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"sourcedId", "status", "dateLastModified", "title", "assignDate", "dueDate", "class",
        "school", "category", "gradingPeriod", "resultValueMin", "resultValueMax"})
    public record LineItem(String sourcedId, String status, String dateLastModified, String title, String assignDate,
            String dueDate, @JsonProperty("class") GuidRef classRef, GuidRef school, GuidRef category,
            GuidRef gradingPeriod, double resultValueMin, double resultValueMax) {

        LineItem withoutDateLastModified() {
            return new LineItem(sourcedId, status, null, title, assignDate, dueDate, classRef, school, category,
                    gradingPeriod, resultValueMin, resultValueMax);
        }
    }

    /** A OneRoster 1.2 result; {@code late} and {@code missing} are strings, as the binding wants. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"sourcedId", "status", "dateLastModified", "lineItem", "student", "class", "scoreStatus",
        "score", "scoreDate", "late", "missing"})
    public record Result(String sourcedId, String status, String dateLastModified, GuidRef lineItem, GuidRef student,
            @JsonProperty("class") GuidRef classRef, String scoreStatus, Double score, String scoreDate, String late,
            String missing) {

        Result withoutDateLastModified() {
            return new Result(sourcedId, status, null, lineItem, student, classRef, scoreStatus, score, scoreDate,
                    late, missing);
        }
    }

    /** The {"lineItem": ...} wrapper OneRoster puts around one lineItem. */
    record LineItemEnvelope(LineItem lineItem) {
    }

    /** The {"result": ...} wrapper OneRoster puts around one result. */
    record ResultEnvelope(Result result) {
    }

    /** The body of {@code PUT /lineItems/{id}}. */
    public Body lineItem(UpsertLineItem command, IcClass icClass, IcCategory category,
            Optional<IcGradingPeriod> gradingPeriod) {
        String tenant = command.tenant();
        if (icClass.schoolSourcedId() == null) {
            throw WriteFailure.rejected("class_without_school", 0, "Infinite Campus rostering gives class "
                    + icClass.sourcedId() + " no school; OneRoster 1.2 requires the school of a lineItem.");
        }
        // OneRoster requires an assignDate; a Canvas assignment without one is available from the start, so
        // its due date is the only stable date to send.
        Instant assignDate = command.assignDate() != null ? command.assignDate() : command.dueDate();
        LineItem item = new LineItem(
                command.lineItemSourcedId(),
                ACTIVE,
                Instant.ofEpochMilli(command.sourceVersion()).toString(),
                command.title(),
                text(assignDate),
                text(command.dueDate()),
                classRef(tenant, icClass.sourcedId()),
                new GuidRef(client.rosteringHref(tenant, "orgs", icClass.schoolSourcedId()),
                        icClass.schoolSourcedId(), "org"),
                new GuidRef(client.gradebookHref(tenant, "categories", category.sourcedId()), category.sourcedId(),
                        "category"),
                gradingPeriod.map(p -> new GuidRef(client.rosteringHref(tenant, "academicSessions", p.sourcedId()),
                        p.sourcedId(), "academicSession")).orElse(null),
                0.0,
                command.pointsPossible());
        return new Body(write(new LineItemEnvelope(item)), hash(new LineItemEnvelope(item.withoutDateLastModified())),
                write(item));
    }

    /** The body of {@code PUT /results/{id}} with the command's SIS ids as the IC ids. */
    public Body result(UpsertResult command) {
        return result(command, new IdentityResolver.ResultIds(command.classSourcedId(), command.studentSourcedId()));
    }

    /**
     * The body of {@code PUT /results/{id}} for the IC class and student: excused is {@code exempt} without a score,
     * never 0. OneRoster requires a scoreDate: without a grading date it is the day of the score's version in the
     * district's time zone.
     */
    public Body result(UpsertResult command, IdentityResolver.ResultIds ids) {
        String tenant = command.tenant();
        LocalDate scoreDate = command.scoreDate() != null ? command.scoreDate()
                : LocalDate.ofInstant(Instant.ofEpochMilli(command.sourceVersion()),
                        ZoneId.of(client.district(tenant).timeZone()));
        Result result = new Result(
                command.resultSourcedId(),
                ACTIVE,
                Instant.ofEpochMilli(command.sourceVersion()).toString(),
                new GuidRef(client.gradebookHref(tenant, "lineItems", command.lineItemSourcedId()),
                        command.lineItemSourcedId(), "lineItem"),
                new GuidRef(client.rosteringHref(tenant, "users", ids.studentSourcedId()),
                        ids.studentSourcedId(), "user"),
                classRef(tenant, ids.classSourcedId()),
                scoreStatus(command),
                command.excused() ? null : command.score(),
                scoreDate.toString(),
                Boolean.toString(command.late()),
                Boolean.toString(command.missing()));
        return new Body(write(new ResultEnvelope(result)), hash(new ResultEnvelope(result.withoutDateLastModified())),
                write(result));
    }

    /**
     * The one place that turns Canvas flags into a OneRoster scoreStatus: excused is exempt, a score part of which
     * waits for the teacher's review is partially graded, any other score is fully graded, and no score at all (for example missing and not yet graded) is not submitted.
     */
    static String scoreStatus(UpsertResult command) {
        if (command.excused()) {
            return "exempt";
        }
        if (command.partiallyGraded() && command.score() != null) {
            return "partially graded";
        }
        return command.score() == null ? "not submitted" : "fully graded";
    }

    private GuidRef classRef(String tenant, String classSourcedId) {
        return new GuidRef(client.rosteringHref(tenant, "classes", classSourcedId), classSourcedId, "class");
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private String write(Object envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a OneRoster body", e);
        }
    }

    private String hash(Object envelope) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(write(envelope).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
