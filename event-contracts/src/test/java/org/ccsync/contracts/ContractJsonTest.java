package org.ccsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractJsonTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Instant NOW = Instant.parse("2026-11-29T10:15:30.123Z");

    @Test
    void everyCanvasChangeSurvivesJsonWithItsType() throws Exception {
        List<CanvasChange> changes = List.of(
                new AssignmentChanged("e1", NOW, "demo", "101", "5", 1L, "Essay", 10.0, "points", "published",
                        true, true, false, false, NOW, new AssignmentGroupRef("7", "Homework", null),
                        List.of(new AssignmentOverride("9", "CourseSection", "3", NOW, List.of())),
                        List.of(new SectionDueDate("3", "SEC-3", NOW))),
                new ScoreChanged("e2", NOW, "demo", "101", "5", "42", 2L, null, null, true, false, false,
                        "graded", NOW, null, 1.5),
                new RosterChanged("e3", NOW, "demo", "101", 3L, "Biology", true,
                        List.of(new RosterChanged.Section("3", "SEC-3", "P1")),
                        List.of(new RosterChanged.Enrollment("42", "STU-42", "3", "Ada", null, "inactive")),
                        List.of(), List.of(), true),
                RosterChanged.notFound("demo", "102", 4L));
        for (CanvasChange change : changes) {
            String json = mapper.writeValueAsString(change);
            assertThat(json).contains("\"type\":\"" + change.getClass().getSimpleName() + "\"");
            assertThat(mapper.readValue(json, CanvasChange.class)).isEqualTo(change);
        }
    }

    @Test
    void aRosterWrittenBeforeCourseNotFoundExistedReadsAsAFoundCourse() throws Exception {
        String older = "{\"type\":\"RosterChanged\",\"eventId\":\"e7\",\"tenant\":\"demo\",\"courseId\":\"101\","
                + "\"sourceVersion\":7,\"coursePublished\":true,\"courseConcluded\":false}";
        RosterChanged roster = (RosterChanged) mapper.readValue(older, CanvasChange.class);
        assertThat(roster.courseNotFound()).isFalse();
        assertThat(roster.coursePublished()).isTrue();
        assertThat(RosterChanged.notFound("demo", "101", 7L).courseNotFound()).isTrue();
    }

    @Test
    void writeCommandsKeepDatesAsIsoAndDoNotSerialiseDerivedIds() throws Exception {
        CampusWrite write = new UpsertResult("e4", NOW, "demo", "101", "5", "SEC-3", "li", "r", "42", "STU-42", 4L,
                9.5, false, true, false, LocalDate.of(2026, 11, 29), NOW, true);
        String json = mapper.writeValueAsString(write);
        assertThat(json).contains("\"scoreDate\":\"2026-11-29\"").doesNotContain("targetSourcedId");
        assertThat(mapper.readValue(json, CampusWrite.class)).isEqualTo(write);
        CampusWrite delete = new DeleteResult("e9", NOW, "demo", "101", "5", "SEC-3", "li", "r", "42", "STU-42", 9L,
                "score_cleared");
        assertThat(mapper.readValue(mapper.writeValueAsString(delete), CampusWrite.class)).isEqualTo(delete);
    }

    @Test
    void outcomesAndRequestsRoundTrip() throws Exception {
        SyncOutcome outcome = new ItemSkipped("e5", NOW, "demo", "101", 5L,
                new ItemRef(ItemKind.ASSIGNMENT, "5", null, null, null, "Essay"), "post_to_sis_off", "Sync to SIS is off.");
        assertThat(mapper.readValue(mapper.writeValueAsString(outcome), SyncOutcome.class)).isEqualTo(outcome);
        SyncRequest request = new SyncRequested("e6", NOW, "demo", "101", 6L, "run-1", SyncTrigger.MANUAL, "admin");
        assertThat(mapper.readValue(mapper.writeValueAsString(request), SyncRequest.class)).isEqualTo(request);
    }

    @Test
    void addedFieldsAndTypesRoundTrip() throws Exception {
        RosterChanged.Enrollment teacher = new RosterChanged.Enrollment("9001", "T-9001", "1001", "Ms. Frizzle",
                "frizzle@demo.k12.example");
        assertThat(mapper.readValue(mapper.writeValueAsString(teacher), RosterChanged.Enrollment.class))
                .isEqualTo(teacher);
        assertThat(mapper.readValue("{\"userId\":\"1\",\"sisUserId\":\"S\",\"sectionId\":\"2\",\"name\":\"N\"}",
                RosterChanged.Enrollment.class).loginId()).isNull();
        assertThat(mapper.readValue("{\"userId\":\"1\",\"sectionId\":\"2\"}", RosterChanged.Enrollment.class)
                .state()).as("an enrollment without a state is active").isEqualTo("active");
        SyncOutcome district = new DistrictStatusChanged("e7", NOW, "demo", null, 7L, false, true, NOW,
                "IC answered 503 five times", "sis-ids");
        assertThat(mapper.readValue(mapper.writeValueAsString(district), SyncOutcome.class)).isEqualTo(district);
        CategoryMappingChanged mapping = new CategoryMappingChanged("e8", NOW, "demo", "101", 8L, "Labs", "Projects",
                "admin");
        assertThat(mapper.readValue(mapper.writeValueAsString(mapping), CategoryMappingChanged.class))
                .isEqualTo(mapping);
    }

    @Test
    void idsAreDeterministicAndDistinct() {
        assertThat(EventIds.of("score", "demo", "101", 5)).isEqualTo(EventIds.of("score", "demo", "101", 5));
        assertThat(EventIds.of("score", "demo", "101", 5)).isNotEqualTo(EventIds.of("score", "demo", "101", 6));
        String lineItem = SourcedIds.lineItem("demo", "5", "SEC-3");
        assertThat(lineItem).isEqualTo(SourcedIds.lineItem("demo", "5", "SEC-3"));
        assertThat(lineItem).isNotEqualTo(SourcedIds.lineItem("demo", "5", "SEC-4"))
                .isNotEqualTo(SourcedIds.lineItem("other", "5", "SEC-3"));
        assertThat(SourcedIds.result(lineItem, "STU-42")).isEqualTo(SourcedIds.result(lineItem, "STU-42"))
                .isNotEqualTo(SourcedIds.result(lineItem, "STU-43"));
    }

    @Test
    void sourcedIdsArePlainUuidsThatNeverChange() {
        String lineItem = SourcedIds.lineItem("demo", "5", "SEC-3");
        String result = SourcedIds.result(lineItem, "STU-42");
        // A plain GUID, as OneRoster 1.2 calls a sourcedId: the canonical form of a name-based (version 3) UUID.
        assertThat(lineItem).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(result).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(java.util.UUID.fromString(lineItem).toString()).isEqualTo(lineItem);
        // Pinned: an id that changed between releases would duplicate every item already in IC.
        assertThat(lineItem).isEqualTo(java.util.UUID.nameUUIDFromBytes(
                "lineItem|demo|5|SEC-3".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        assertThat(result).isEqualTo(java.util.UUID.nameUUIDFromBytes(
                ("result|" + lineItem + "|STU-42").getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    }
}
