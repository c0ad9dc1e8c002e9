package org.ccsync.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.ccsync.ingest.inbound.LiveEventParser;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.RsaJsonWebKey;

/** Stubs Canvas REST and the JWKS on the shared WireMock, speaking Canvas JSON; one course per test. */
public final class CanvasFixture {

    private static final AtomicLong NEXT_ID = new AtomicLong(ThreadLocalRandom.current().nextLong(100_000, 900_000)
            * 1_000);

    public final WireMock wm;

    private CanvasFixture(WireMock wm) {
        this.wm = wm;
    }

    public static CanvasFixture connect() {
        int port = ConfigProvider.getConfig().getValue(CanvasWireMockResource.PORT_PROPERTY, Integer.class);
        return new CanvasFixture(new WireMock("localhost", port));
    }

    /** A local Canvas id no other test of this JVM uses. */
    public static String newId() {
        return Long.toString(NEXT_ID.incrementAndGet());
    }

    /** The global form of a local id, as Live Events carry it (shard 7). */
    public static String global(String localId) {
        return Long.toString(7 * LiveEventParser.SHARD_FACTOR + Long.parseLong(localId));
    }

    public void jwks(RsaJsonWebKey... keys) {
        wm.register(get(urlPathEqualTo("/jwks")).willReturn(okJson(TestKeys.jwks(keys))));
    }

    public int jwksFetches() {
        return wm.find(getRequestedFor(urlPathEqualTo("/jwks"))).size();
    }

    public static String coursePath(String courseId) {
        return "/api/v1/courses/" + courseId;
    }

    /** Course, two sections, a student and a teacher, a grading period and an assignment group. */
    public void course(String courseId) {
        String path = coursePath(courseId);
        ok(path, """
                {"id": %s, "name": "Biology %s", "workflow_state": "available", "sis_course_id": "BIO-%s"}
                """.formatted(courseId, courseId, courseId));
        ok(path + "/sections", """
                [{"id": 101, "name": "Period 1", "sis_section_id": "SEC-101", "course_id": %s},
                 {"id": 102, "name": "Period 2", "sis_section_id": "SEC-102", "course_id": %s}]
                """.formatted(courseId, courseId));
        ok(path + "/enrollments", """
                [{"id": 1, "type": "StudentEnrollment", "user_id": 501, "sis_user_id": "STU-501",
                  "course_section_id": 101, "enrollment_state": "active",
                  "user": {"id": 501, "name": "Ada Student", "sis_user_id": "STU-501"}},
                 {"id": 2, "type": "StudentEnrollment", "user_id": 502, "course_section_id": 102,
                  "enrollment_state": "active", "user": {"id": 502, "name": "Bo Student", "sis_user_id": "STU-502"}},
                 {"id": 3, "type": "TeacherEnrollment", "user_id": 900, "sis_user_id": "TCH-900",
                  "course_section_id": 101, "enrollment_state": "active",
                  "user": {"id": 900, "name": "Tess Teacher", "sis_user_id": "TCH-900"}}]
                """);
        ok(path + "/grading_periods", """
                {"grading_periods": [{"id": 31, "title": "Q1", "start_date": "2026-08-20T06:00:00Z",
                  "end_date": "2026-10-20T05:59:59Z", "close_date": "2026-10-27T05:59:59Z", "is_closed": false}],
                 "meta": {"primaryCollection": "grading_periods"}}
                """);
        ok(path + "/assignment_groups", """
                [{"id": 5, "name": "Tests", "position": 1, "group_weight": 40.0, "sis_source_id": "CAT-TESTS"},
                 {"id": 6, "name": "Homework", "position": 2, "group_weight": 60.0, "sis_source_id": null}]
                """);
    }

    /** A points assignment in group 5, due for everyone, with a later date for section 102. */
    public static String assignmentJson(String assignmentId, String name, Instant updatedAt) {
        return """
                {"id": %s, "name": "%s", "points_possible": 20.0, "grading_type": "points",
                 "due_at": "2026-09-10T05:59:59Z", "post_to_sis": true, "published": true,
                 "omit_from_final_grade": false, "only_visible_to_overrides": false, "has_overrides": true,
                 "assignment_group_id": 5, "updated_at": "%s", "workflow_state": "published",
                 "overrides": [{"id": 77, "assignment_id": %s, "course_section_id": 102, "title": "Period 2",
                                "due_at": "2026-09-12T05:59:59Z", "all_day": false}]}
                """.formatted(assignmentId, name, updatedAt, assignmentId);
    }

    public void assignment(String courseId, String assignmentId) {
        ok(coursePath(courseId) + "/assignments/" + assignmentId,
                assignmentJson(assignmentId, "Unit test " + assignmentId, Instant.parse("2026-09-01T12:00:00Z")));
    }

    /** Graded and late; excused (no score, hidden); and one never graded that Canvas marked missing (no graded_at). */
    public static String submissionsJson(String assignmentId) {
        return """
                [{"id": 1, "assignment_id": %s, "user_id": 501, "score": 18.5, "grade": "18.5", "excused": false,
                  "late": true, "missing": false, "workflow_state": "graded",
                  "graded_at": "2026-09-11T10:00:00Z", "posted_at": "2026-09-11T12:00:00Z"},
                 {"id": 2, "assignment_id": %s, "user_id": 502, "score": null, "grade": null, "excused": true,
                  "late": false, "missing": false, "workflow_state": "graded",
                  "graded_at": "2026-09-11T11:00:00Z", "posted_at": null},
                 {"id": 3, "assignment_id": %s, "user_id": 503, "score": null, "grade": null, "excused": false,
                  "late": false, "missing": true, "workflow_state": "unsubmitted",
                  "graded_at": null, "posted_at": null}]
                """.formatted(assignmentId, assignmentId, assignmentId);
    }

    public void submissions(String courseId, String assignmentId) {
        wm.register(get(urlPathEqualTo(coursePath(courseId) + "/students/submissions"))
                .withQueryParam("assignment_ids[]", equalTo(assignmentId))
                .willReturn(okJson(submissionsJson(assignmentId))));
    }

    /** The {@code type} discriminator of a record's JSON value. */
    public static String typeOf(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record) {
        try {
            return org.ccsync.testsupport.KafkaTestClient.JSON.readTree(record.value()).path("type").asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public int requests(String path) {
        return wm.find(getRequestedFor(urlPathEqualTo(path))).size();
    }

    public void ok(String path, String json) {
        wm.register(canvasGet(path).willReturn(okJson(json).withHeader("X-Rate-Limit-Remaining", "650.0")
                .withHeader("X-Request-Cost", "1.5")));
    }

    /** Matches only requests that carry a bearer token, as Canvas does. */
    public static MappingBuilder canvasGet(String path) {
        return get(urlPathEqualTo(path)).withHeader("Authorization", WireMock.matching("Bearer .+"));
    }

    public static MappingBuilder firstPage(String path) {
        return canvasGet(path).withQueryParam("page", absent());
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder status(int status, String body) {
        return aResponse().withStatus(status).withBody(body);
    }
}
