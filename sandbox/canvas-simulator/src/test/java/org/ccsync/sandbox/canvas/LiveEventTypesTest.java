package org.ccsync.sandbox.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccsync.sandbox.canvas.SimulatorFixture.control;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Live Event types the sync subscribes to beyond grades and assignments, with the payloads and contexts of
 * {@code doc/api/data_services/json/canvas/event-types/*.json} and {@code lib/canvas/live_events.rb}, and the
 * Caliper format a subscription can be switched to ({@code doc/api/data_services/json/caliper/event-types}).
 */
class LiveEventTypesTest {

    private static CanvasSimulator sim;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = WebhookReceiver.start();
        sim = CanvasSimulator.start(CanvasSimulatorConfig.defaults().withSignEvents(false));
    }

    @AfterAll
    static void stop() {
        sim.close();
        receiver.close();
    }

    @BeforeEach
    void reset() {
        sim.control().reset();
        sim.control().setEventFormat(EventFormat.CANVAS);
        sim.control().setWebhookUrl(null);
        receiver.clear();
    }

    /** assignment_group_created: local ids, the course as context_id in the body. */
    @Test
    void creatingAnAssignmentGroupEmitsAssignmentGroupCreated() {
        control(sim).body("{\"name\": \"Projects\"}").post("/sim/courses/101/assignment_groups").then()
                .statusCode(201).body("id", equalTo(208)).body("position", equalTo(5));

        JsonNode event = EventLog.since(sim, 0).get(0);
        assertThat(event.at("/metadata/event_name").asText()).isEqualTo("assignment_group_created");
        assertThat(event.at("/body/assignment_group_id").asText()).isEqualTo("208");
        assertThat(event.at("/body/context_id").asText()).isEqualTo("101");
        assertThat(event.at("/body/context_type").asText()).isEqualTo("Course");
        assertThat(event.at("/body/name").asText()).isEqualTo("Projects");
        assertThat(event.at("/metadata/context_type").asText()).isEqualTo("Course");
    }

    /**
     * course_section_created comes from a request in the course; course_section_updated from PUT
     * /api/v1/sections/:id, whose context is the section: only the body names the course (a local id).
     */
    @Test
    void sectionEventsNameTheirCourseInTheBody() {
        Section created = sim.control().createSection(101, "Biology 1 - P3", "SEC-BIO1-P3");
        sim.control().updateSection(101, created.id(), null, "SEC-BIO1-P3B");

        List<JsonNode> events = EventLog.since(sim, 0);
        assertThat(EventLog.names(events)).containsExactly("course_section_created", "course_section_updated");
        JsonNode create = events.get(0);
        assertThat(create.at("/metadata/context_type").asText()).isEqualTo("Course");
        assertThat(create.at("/body/course_section_id").asText()).isEqualTo(Long.toString(created.id()));
        assertThat(create.at("/body/course_id").asText()).isEqualTo("101");
        assertThat(create.at("/body/sis_source_id").asText()).isEqualTo("SEC-BIO1-P3");
        JsonNode update = events.get(1);
        assertThat(update.at("/metadata/context_type").asText()).isEqualTo("CourseSection");
        assertThat(update.at("/metadata/context_id").asText()).isEqualTo(CanvasIds.globalString(created.id()));
        assertThat(update.at("/body/course_id").asText()).isEqualTo("101");
        assertThat(update.at("/body/sis_source_id").asText()).isEqualTo("SEC-BIO1-P3B");
    }

    /** An SIS import enrolls as a job: enrollment_created without context, the course only in body.course_id. */
    @Test
    void anSisImportEnrollmentEmitsEnrollmentCreatedWithoutContext() {
        control(sim).body("{\"user_id\": 5007, \"job_tag\": \"SisBatch#process\"}")
                .post("/sim/courses/101/sections/1002/students").then().statusCode(201)
                .body("enrollment_state", equalTo("active")).body("course_section_id", equalTo(1002));

        JsonNode event = EventLog.since(sim, 0).get(0);
        assertThat(event.at("/metadata/event_name").asText()).isEqualTo("enrollment_created");
        assertThat(event.get("metadata").has("context_id")).isFalse();
        assertThat(event.at("/metadata/job_tag").asText()).isEqualTo("SisBatch#process");
        assertThat(event.at("/body/course_id").asText()).isEqualTo(CanvasIds.globalString(101));
        assertThat(event.at("/body/user_id").asText()).isEqualTo(CanvasIds.globalString(5007));
        assertThat(event.at("/body/type").asText()).isEqualTo("StudentEnrollment");
        assertThat(sim.control().submission(101, 401, 5007)).as("the new student has submissions").isPresent();
    }

    /** A Caliper subscription delivers IMS Caliper envelopes: no metadata, no body. The answer is kept. */
    @Test
    void aCaliperSubscriptionDeliversCaliperEnvelopes() {
        sim.control().setWebhookUrl(receiver.url());
        receiver.answerWithBody("{\"code\": \"caliper_format_not_supported\"}");
        receiver.answerNext(422, 4);
        control(sim).body("{\"eventFormat\": \"caliper\"}").put("/sim/settings").then().statusCode(200)
                .body("eventFormat", equalTo("CALIPER"));

        sim.control().gradeSubmission(101, 401, 5001, GradeChange.score(7));

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> sim.control().events().stream()
                .noneMatch(e -> e.delivery() == EmittedEvent.Delivery.PENDING));
        EmittedEvent grade = sim.control().events().get(0);
        assertThat(grade.delivery()).isEqualTo(EmittedEvent.Delivery.FAILED);
        assertThat(grade.status()).isEqualTo(422);
        assertThat(grade.response()).contains("caliper_format_not_supported");
        JsonNode caliper = EventLog.parse(receiver.received().get(0).body());
        assertThat(caliper.has("metadata")).isFalse();
        assertThat(caliper.get("dataVersion").asText()).isEqualTo("http://purl.imsglobal.org/ctx/caliper/v1p1");
        assertThat(caliper.at("/data/0/type").asText()).isEqualTo("GradeEvent");
        assertThat(caliper.at("/data/0/object/extensions/com.instructure.canvas/assignment_id").asText())
                .isEqualTo(CanvasIds.globalString(401));
    }
}
