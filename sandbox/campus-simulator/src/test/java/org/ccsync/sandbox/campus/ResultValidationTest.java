package org.ccsync.sandbox.campus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every result rule, table-driven, plus the accepted edge cases (exempt, extra credit, string flags). */
class ResultValidationTest {

    private static final String ID = "R-1";
    private static final String LINE_ITEM = "LI-BIO";
    private static SimulatorFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SimulatorFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void seedLineItems() {
        fixture.control().reset();
        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem(LINE_ITEM, "SEC-BIO1-P1")))
                .put("/lineItems/" + LINE_ITEM).then().statusCode(201);
        fixture.gradebook().body(OneRosterBodies.wrap("lineItem", OneRosterBodies.lineItem("LI-ALG", "SEC-ALG1-P3")))
                .put("/lineItems/LI-ALG").then().statusCode(201);
    }

    /** Bodies the official binding refuses: 422, the description names the offending field. */
    static Stream<Arguments> contractViolations() {
        return Stream.of(
                c("status unknown", r -> r.put("status", "inactive"), "/result/status"),
                c("dateLastModified missing", r -> r.remove("dateLastModified"), "dateLastModified"),
                c("lineItem missing", r -> r.remove("lineItem"), "lineItem"),
                c("lineItem type wrong", r -> r.set("lineItem", OneRosterBodies.ref(LINE_ITEM, "assignment")),
                        "/result/lineItem/type"),
                c("student missing", r -> r.remove("student"), "student"),
                c("student type wrong", r -> r.set("student", OneRosterBodies.ref("STU-5001", "student")),
                        "/result/student/type"),
                c("scoreStatus missing", r -> r.remove("scoreStatus"), "scoreStatus"),
                c("scoreStatus unknown", r -> r.put("scoreStatus", "graded"), "/result/scoreStatus"),
                c("scoreDate missing", r -> r.remove("scoreDate"), "scoreDate"),
                c("scoreDate a date-time", r -> r.put("scoreDate", "2026-11-27T15:00:00Z"), "/result/scoreDate"),
                c("scoreDate not a date", r -> r.put("scoreDate", "27/11/2026"), "/result/scoreDate"),
                c("late a JSON boolean", r -> r.put("late", true), "/result/late"),
                c("missing a JSON boolean", r -> r.put("missing", false), "/result/missing"),
                c("incomplete another string", r -> r.put("incomplete", "yes"), "/result/incomplete"),
                c("inProgress a JSON boolean", r -> r.put("inProgress", true), "/result/inProgress"),
                c("score a string", r -> r.put("score", "9.5"), "/result/score"),
                c("score null", r -> r.putNull("score"), "/result/score"),
                c("class type wrong", r -> r.set("class", OneRosterBodies.ref("SEC-BIO1-P1", "org")),
                        "/result/class/type"),
                c("comment a number", r -> r.put("comment", 3), "/result/comment"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractViolations")
    void contractViolationsAre422NamingTheField(String name, Consumer<ObjectNode> breakIt, String field) {
        ObjectNode result = OneRosterBodies.result(ID, LINE_ITEM, "STU-5001");
        breakIt.accept(result);

        fixture.gradebook().body(OneRosterBodies.wrap("result", result)).put("/results/" + ID)
                .then().statusCode(422)
                .body("imsx_description", startsWith("the request breaks the OneRoster 1.2 binding of putResult: "))
                .body("imsx_description", containsString(field))
                .body("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("invaliddata"));
        assertThat(fixture.control().results()).isEmpty();
    }

    /** Bodies the binding takes but IC refuses: 422 with IC's own sentence. */
    static Stream<Arguments> invalidResults() {
        return Stream.of(
                c("sourcedId differs from path", r -> r.put("sourcedId", "R-2"),
                        "result.sourcedId \"R-2\" does not match the path id \"R-1\""),
                c("lineItem unknown", r -> r.set("lineItem", OneRosterBodies.ref("LI-NOPE", "lineItem")),
                        "result.lineItem LI-NOPE does not exist"),
                c("student not enrolled in the lineItem's class", r -> r.set("student", OneRosterBodies.ref("STU-5004", "user")),
                        "result.student STU-5004 is not enrolled in class SEC-BIO1-P1"),
                c("score negative", r -> r.put("score", -1), "result.score must be >= 0 but was -1.0"),
                c("exempt with a score", r -> r.put("scoreStatus", "exempt"),
                        "result.score must be absent when result.scoreStatus is \"exempt\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidResults")
    void rejectsWith422NamingTheField(String name, Consumer<ObjectNode> breakIt, String description) {
        ObjectNode result = OneRosterBodies.result(ID, LINE_ITEM, "STU-5001");
        breakIt.accept(result);

        fixture.gradebook().body(OneRosterBodies.wrap("result", result)).put("/results/" + ID)
                .then().statusCode(422)
                .body("imsx_description", equalTo(description))
                .body("imsx_CodeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue", equalTo("invaliddata"));
        assertThat(fixture.control().results()).isEmpty();
    }

    @Test
    void studentRosteredInCanvasButNotInCampusIsRejected() {
        ObjectNode result = OneRosterBodies.result("R-421-5011", "LI-ALG", "STU-5011");
        fixture.gradebook().body(OneRosterBodies.wrap("result", result)).put("/results/R-421-5011")
                .then().statusCode(422)
                .body("imsx_description", equalTo("result.student STU-5011 is not enrolled in class SEC-ALG1-P3"));
    }

    static Stream<Arguments> validResults() {
        return Stream.of(
                c("exempt without a score", r -> {
                    r.remove("score");
                    r.put("scoreStatus", "exempt");
                }, null),
                c("partially graded", r -> r.put("scoreStatus", "partially graded"), null),
                c("an ext: scoreStatus", r -> r.put("scoreStatus", "ext:dropped"), null),
                c("extra credit above resultValueMax", r -> r.put("score", 12), null),
                c("late missing incomplete inProgress as strings", r -> {
                    r.put("late", "true");
                    r.put("missing", "false");
                    r.put("incomplete", "false");
                    r.put("inProgress", "false");
                }, null),
                c("missing with score 0", r -> {
                    r.put("score", 0);
                    r.put("missing", "true");
                    r.put("scoreStatus", "not submitted");
                }, null),
                c("with a class reference and comment", r -> {
                    r.set("class", OneRosterBodies.ref("SEC-BIO1-P1", "class"));
                    r.put("comment", "nice work");
                }, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validResults")
    void acceptsValidVariants(String name, Consumer<ObjectNode> vary, String unused) {
        ObjectNode result = OneRosterBodies.result(ID, LINE_ITEM, "STU-5002");
        vary.accept(result);

        fixture.gradebook().body(OneRosterBodies.wrap("result", result)).put("/results/" + ID).then().statusCode(201);
        assertThat(fixture.control().results().get(ID)).isEqualTo(result);
    }

    private static Arguments c(String name, Consumer<ObjectNode> mutation, String description) {
        return arguments(name, mutation, description);
    }
}
