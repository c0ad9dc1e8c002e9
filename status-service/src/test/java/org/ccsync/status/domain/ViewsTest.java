package org.ccsync.status.domain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ccsync.contracts.Topics;
import org.ccsync.status.Events;
import org.ccsync.status.SignInTestResource;
import org.ccsync.status.Tokens;
import org.ccsync.testsupport.InfraTestResource;
import org.ccsync.testsupport.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SignInTestResource.class, scope = TestResourceScope.GLOBAL)
class ViewsTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final KafkaTestClient kafka = KafkaTestClient.shared();
    private static final String TENANT = "views";
    private static final Events events = new Events(kafka, TENANT);

    @AfterAll
    static void closeClient() {
        kafka.close();
    }

    @Test
    void aWriteCommandIsPendingUntilItsOutcomeAndFeedsTheBacklog() {
        String course = uniqueCourse();
        events.command(events.upsertResult(course, "401", "5001", 5, Events.T0));

        await().atMost(BOUND).untilAsserted(() -> api().get(path(course))
                .then().statusCode(200)
                .body("counts.pending", equalTo(1))
                .body("backlog.pending", equalTo(1))
                .body("backlog.oldestPendingSince", equalTo("2026-11-27T15:00:00Z"))
                .body("backlog.oldestAgeSeconds", notNullValue()));
        api().get(path(course) + "/items?status=PENDING").then()
                .body("size()", equalTo(1))
                .body("[0].userId", equalTo("5001"))
                .body("[0].lastOutcomeStatus", nullValue());

        events.outcome(events.resultWritten(course, "401", "5001", 5, 9.0));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course))
                .then().statusCode(200)
                .body("counts.pending", equalTo(0))
                .body("counts.written", equalTo(1))
                .body("backlog.oldestPendingSince", nullValue()));

        // A command older than the last outcome changes nothing; a newer one is pending again, then fails.
        events.command(events.upsertResult(course, "401", "5001", 4, Events.T0.plusSeconds(60)));
        events.command(events.upsertResult(course, "401", "5001", 6, Events.T0.plusSeconds(120)));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then()
                .body("counts.pending", equalTo(1))
                .body("counts.written", equalTo(0))
                .body("backlog.oldestPendingSince", equalTo("2026-11-27T15:02:00Z")));
        events.outcome(events.resultFailed(course, "401", "5001", 6, "The score date is outside the term."));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then()
                .body("counts.pending", equalTo(0))
                .body("counts.failed", equalTo(1))
                .body("counts.failedByCode.ic_invaliddata", equalTo(1)));
        api().get(path(course) + "/items?status=FAILED").then()
                .body("[0].writtenScore", equalTo(9.0f))
                .body("[0].message", equalTo("The score date is outside the term."));
    }

    @Test
    void anOutcomeThatArrivesBeforeItsCommandLeavesNothingPending() {
        String course = uniqueCourse();
        events.outcome(events.resultWritten(course, "401", "5001", 7, 8.0));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then().statusCode(200)
                .body("counts.written", equalTo(1)));
        events.command(events.upsertResult(course, "401", "5001", 7, Events.T0));
        events.command(events.upsertLineItem(course, "402", 3, Events.T0));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then()
                .body("counts.pending", equalTo(1))
                .body("counts.written", equalTo(1)));
        api().get(path(course) + "/items?status=PENDING").then()
                .body("size()", equalTo(1))
                .body("[0].kind", equalTo("LINE_ITEM"))
                .body("[0].title", equalTo("Title 402"));
    }

    @Test
    void assignmentsAndStudentsShowEveryKindOfOutcome() {
        String course = uniqueCourse();
        events.change(events.roster(course, 100, "Algebra I", "teacher@views.example.org", "5001", "5002", "5003"));
        events.change(events.assignment(course, "401", 10, "Quiz 1"));
        events.change(events.assignment(course, "402", 10, "Reading Log"));
        events.change(events.assignment(course, "403", 10, "Unit Test"));
        events.change(events.assignment(course, "404", 10, "Lab Report"));
        events.outcome(events.lineItemWritten(course, "401", 10, "Quizzes", "GP-Q2"));
        events.outcome(events.resultWritten(course, "401", "5001", 11, 9.5));
        events.outcome(events.resultWritten(course, "401", "5002", 11, null));
        events.outcome(events.assignmentSkipped(course, "402", 10, "no_due_date",
                "The assignment has no due date, so Infinite Campus cannot place it in a grading period."));
        events.outcome(events.lineItemWritten(course, "403", 10, "Tests", "GP-Q2"));
        events.outcome(events.resultFailed(course, "403", "5003", 12,
                "IC said: student STU-5003 is not enrolled in class SEC-1"));
        events.command(events.upsertLineItem(course, "404", 10, Events.T0));

        // Outcomes and commands travel on different topics: wait until both have arrived.
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course) + "/assignments").then().statusCode(200)
                .body("size()", equalTo(4))
                .body("find { it.assignmentId == '404' }.status", equalTo("PENDING"))
                .body("find { it.assignmentId == '403' }.status", equalTo("FAILED"))
                .body("find { it.assignmentId == '401' }.results.written", equalTo(2))
                .body("find { it.assignmentId == '402' }.status", equalTo("SKIPPED")));
        api().get(path(course) + "/assignments").then()
                .body("find { it.assignmentId == '401' }.title", equalTo("Quiz 1"))
                .body("find { it.assignmentId == '401' }.status", equalTo("WRITTEN"))
                .body("find { it.assignmentId == '401' }.category", equalTo("Quizzes"))
                .body("find { it.assignmentId == '401' }.gradingPeriod", equalTo("GP-Q2"))
                .body("find { it.assignmentId == '401' }.lastWrittenAt", notNullValue())
                .body("find { it.assignmentId == '401' }.results.written", equalTo(2))
                .body("find { it.assignmentId == '402' }.status", equalTo("SKIPPED"))
                .body("find { it.assignmentId == '402' }.reasonCode", equalTo("no_due_date"))
                .body("find { it.assignmentId == '402' }.reason", containsString("no due date"))
                .body("find { it.assignmentId == '403' }.status", equalTo("FAILED"))
                .body("find { it.assignmentId == '403' }.reason", containsString("not enrolled in class SEC-1"))
                .body("find { it.assignmentId == '403' }.results.failed", equalTo(1));

        api().get(path(course) + "/students").then().statusCode(200)
                .body("userId", hasItems("5001", "5002", "5003"))
                .body("find { it.userId == '5001' }.name", equalTo("Student 5001"))
                .body("find { it.userId == '5001' }.status", equalTo("WRITTEN"))
                .body("find { it.userId == '5001' }.lastScoreWritten", equalTo(9.5f))
                .body("find { it.userId == '5001' }.lastScoreAssignmentTitle", equalTo("Quiz 1"))
                .body("find { it.userId == '5001' }.sections", hasItems("Period 1"))
                .body("find { it.userId == '5003' }.status", equalTo("FAILED"))
                .body("find { it.userId == '5003' }.errors[0].message", containsString("not enrolled"))
                .body("find { it.userId == '5003' }.errors[0].title", equalTo("Unit Test"));

        api().get(path(course) + "/students/5003").then().statusCode(200)
                .body("student.name", equalTo("Student 5003"))
                .body("results[0].assignmentId", equalTo("403"))
                .body("results[0].status", equalTo("FAILED"));
        api().get(path(course) + "/assignments/401").then().statusCode(200)
                .body("assignment.title", equalTo("Quiz 1"))
                .body("results.size()", equalTo(2))
                .body("results.find { it.userId == '5001' }.studentName", equalTo("Student 5001"))
                .body("results.find { it.userId == '5002' }.scoreWritten", nullValue());
        api().get(path(course) + "/students/nobody").then().statusCode(404).body("code", equalTo("unknown_student"));
        api().get(path(course) + "/assignments/999").then().statusCode(404)
                .body("code", equalTo("unknown_assignment"));
        api().get(path(course)).then().body("name", equalTo("Algebra I"));
    }

    @Test
    void aNewerRosterReplacesTheOldAndAnOlderOneIsIgnored() {
        String course = uniqueCourse();
        events.change(events.roster(course, 200, "Biology (new)", "t@views.example.org", "6001", "6002"));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course) + "/students").then().statusCode(200)
                .body("size()", equalTo(2)));
        events.change(events.roster(course, 100, "Biology (old)", "t@views.example.org", "6009"));
        events.change(events.assignment(course, "501", 20, "Newer title"));
        events.change(events.assignment(course, "501", 10, "Older title"));
        events.change(events.roster(course, 300, "Biology", "t@views.example.org", "6002", "6003"));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then().body("name", equalTo("Biology")));
        api().get(path(course) + "/students").then()
                .body("userId", equalTo(List.of("6002", "6003")))
                .body("userId", not(hasItems("6009")));
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course) + "/assignments").then()
                .body("find { it.assignmentId == '501' }.title", equalTo("Newer title")));
    }

    @Test
    void poisonRecordsOnTheOtherTopicsGoToTheirDeadLetterTopics() {
        String course = uniqueCourse();
        kafka.sendRaw(Topics.CANVAS_CHANGES, TENANT + "/" + course, "{broken");
        kafka.sendRaw(Topics.CAMPUS_WRITES, TENANT, "{\"type\":\"Nope\",\"courseId\":\"" + course
                + "\"}");
        events.change(events.roster(course, 1, "After poison", "t@views.example.org", "7001"));
        kafka.awaitRecords(Topics.dlq(Topics.CANVAS_CHANGES),
                r -> (TENANT + "/" + course).equals(r.key()), 1, BOUND);
        kafka.awaitRecords(Topics.dlq(Topics.CAMPUS_WRITES),
                r -> r.value().contains(course), 1, BOUND);
        await().atMost(BOUND).untilAsserted(() -> api().get(path(course)).then().statusCode(200)
                .body("name", equalTo("After poison")));
    }

    @Test
    void maintainedCountersMatchTheItemsWhateverTheOrderOfOutcomesAndCommands() {
        String course = uniqueCourse();
        Random random = new Random(42);
        List<Runnable> sends = new ArrayList<>();
        Map<String, String> expected = new TreeMap<>();
        for (int u = 0; u < 20; u++) {
            String user = "u" + u;
            int outcomes = random.nextInt(4);
            int commands = random.nextInt(5);
            String last = null;
            for (int v = 1; v <= outcomes; v++) {
                int kind = random.nextInt(3);
                long version = v;
                Runnable send = kind == 0 ? () -> events.outcome(events.resultWritten(course, "401", user, version, 1.0))
                        : kind == 1 ? () -> events.outcome(events.resultFailed(course, "401", user, version, "IC no"))
                        : () -> events.outcome(events.assignmentSkippedResult(course, user, version));
                sends.add(send);
                sends.add(send);
                last = kind == 0 ? "WRITTEN" : kind == 1 ? "FAILED" : "SKIPPED";
            }
            for (int v = 1; v <= commands; v++) {
                long version = v;
                sends.add(() -> events.command(events.upsertResult(course, "401", user, version, Events.T0)));
            }
            if (commands > outcomes) {
                expected.put(user, "PENDING");
            } else if (last != null) {
                expected.put(user, last);
            }
        }
        Collections.shuffle(sends, random);
        sends.forEach(Runnable::run);

        Map<String, Long> byStatus = expected.values().stream().collect(
                Collectors.groupingBy(v -> v, Collectors.counting()));
        await().atMost(BOUND).untilAsserted(() -> {
            List<Map<String, Object>> items = api().get(path(course) + "/items")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            Map<String, String> actual = new TreeMap<>();
            items.forEach(i -> actual.put((String) i.get("userId"), (String) i.get("status")));
            assertThat(actual).isEqualTo(expected);
        });
        api().get(path(course)).then()
                .body("counts.written", equalTo(byStatus.getOrDefault("WRITTEN", 0L).intValue()))
                .body("counts.failed", equalTo(byStatus.getOrDefault("FAILED", 0L).intValue()))
                .body("counts.skipped", equalTo(byStatus.getOrDefault("SKIPPED", 0L).intValue()))
                .body("counts.pending", equalTo(byStatus.getOrDefault("PENDING", 0L).intValue()));
        api().get(path(course) + "/assignments").then()
                .body("[0].results.written", equalTo(byStatus.getOrDefault("WRITTEN", 0L).intValue()))
                .body("[0].results.pending", equalTo(byStatus.getOrDefault("PENDING", 0L).intValue()));
        List<Map<String, Object>> students = api().get(path(course) + "/students")
                .then().extract().jsonPath().getList("$");
        students.forEach(s -> assertThat(s.get("status"))
                .as("student %s", s.get("userId")).isEqualTo(expected.get((String) s.get("userId"))));
    }

    private static RequestSpecification api() {
        return given().auth().oauth2(Tokens.admin(TENANT));
    }

    private static String uniqueCourse() {
        return "c-" + UUID.randomUUID();
    }

    private static String path(String course) {
        return "/api/districts/" + TENANT + "/courses/" + course;
    }
}
